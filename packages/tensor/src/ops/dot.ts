import { noGrad } from "../autograd/gradMode.js";
import { needsGrad2, record } from "../autograd/record.js";
import type { Tensor } from "../tensor.js";
import { mm } from "./mm.js";
import { mul } from "./mul.js";
import { squeeze } from "./squeeze.js";
import { unsqueeze } from "./unsqueeze.js";

/**
 * The dot product of 1-d `a` and `b` of one length, a 0-d tensor (`torch.dot`, which `matmul`
 * calls for two vectors): one node, `DotBackward0`, with gradients `g · b` and `g · a`. The caller
 * has checked the shapes.
 */
export function dot(a: Tensor, b: Tensor): Tensor {
  const out = noGrad(() => squeeze(mm(unsqueeze(a, 0), unsqueeze(b, 1))));
  if (needsGrad2(a, b)) {
    record(
      out,
      "DotBackward0",
      [a, b],
      [a.requiresGrad ? b : null, b.requiresGrad ? a : null],
      (g) => [a.requiresGrad ? mul(g, b) : null, b.requiresGrad ? mul(g, a) : null],
    );
  }
  return out;
}
