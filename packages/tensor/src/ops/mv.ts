import { noGrad } from "../autograd/gradMode.js";
import { needsGrad2, record } from "../autograd/record.js";
import type { Tensor } from "../tensor.js";
import { mm } from "./mm.js";
import { squeeze } from "./squeeze.js";
import { t } from "./t.js";
import { unsqueeze } from "./unsqueeze.js";

/**
 * Matrix `a` (`n×m`) times vector `b` (`m`), an `n` vector (`torch.mv`, which `matmul` calls for
 * 2-d·1-d), as one node, `MvBackward0`: the gradients are the outer product `g ⊗ b` for `a` and
 * `aᵀ g` for `b`. The caller has checked the shapes.
 */
export function mv(a: Tensor, b: Tensor): Tensor {
  const out = noGrad(() => squeeze(mm(a, unsqueeze(b, 1)), 1));
  if (needsGrad2(a, b)) {
    record(
      out,
      "MvBackward0",
      [a, b],
      [a.requiresGrad ? b : null, b.requiresGrad ? a : null],
      (g) => [
        a.requiresGrad ? mm(unsqueeze(g, 1), unsqueeze(b, 0)) : null,
        b.requiresGrad ? squeeze(mm(t(a), unsqueeze(g, 1)), 1) : null,
      ],
    );
  }
  return out;
}
