import { describe, expect, it } from "vitest";
import { SchedulerError } from "../base/errors.js";
import { CyclicLR } from "../schedulers/cyclicLR.js";
import { LambdaLR } from "../schedulers/lambdaLR.js";
import { MultiplicativeLR } from "../schedulers/multiplicativeLR.js";
import { ExpressionEvaluationError } from "./evaluationError.js";
import { FactorExpression } from "./factorExpression.js";

/** What `new FactorExpression(source).evaluate(epoch)` throws: [kind, message]. */
function raised(source: string, epoch: number): [string, string] {
  try {
    new FactorExpression(source).evaluate(epoch);
  } catch (error) {
    expect(error).toBeInstanceOf(ExpressionEvaluationError);
    expect(error).toBeInstanceOf(SchedulerError);
    const e = error as ExpressionEvaluationError;
    expect(e.message).toBe(
      `${e.kind}: ${e.pythonMessage} in lr_lambda ${JSON.stringify(source)} at epoch ${epoch}`,
    );
    return [e.kind, e.pythonMessage];
  }
  throw new Error(`${source} did not throw`);
}

const optimizer = () => ({ paramGroups: [{ lr: 0.1, momentum: 0.9 }], step() {} });

describe("factor expressions raise where Python raises (CPython 3.11, /usr/bin/python3)", () => {
  // Each row: source, epoch, then Python's `type(e).__name__` and `str(e)` for
  // `(lambda epoch: <source>)(epoch)`, with sqrt/log/exp/... from `math` and min/max/abs/pow built in.
  const cases: [string, number, string, string][] = [
    ["1 / epoch", 0, "ZeroDivisionError", "division by zero"],
    ["1.0 / epoch", 0, "ZeroDivisionError", "float division by zero"],
    ["1 / (pi * epoch)", 0, "ZeroDivisionError", "float division by zero"],
    ["1 / (epoch > 5)", 0, "ZeroDivisionError", "division by zero"],
    ["1 / floor(epoch * 0.5)", 1, "ZeroDivisionError", "division by zero"],
    ["1 / min(epoch, 2.0)", 0, "ZeroDivisionError", "division by zero"],
    ["1 // epoch", 0, "ZeroDivisionError", "integer division or modulo by zero"],
    ["1.0 // epoch", 0, "ZeroDivisionError", "float floor division by zero"],
    ["1 % epoch", 0, "ZeroDivisionError", "integer modulo by zero"],
    ["epoch % 0.0", 3, "ZeroDivisionError", "float modulo"],
    ["0 ** -1", 0, "ZeroDivisionError", "0.0 cannot be raised to a negative power"],
    ["0.0 ** (epoch - 1.5)", 0, "ZeroDivisionError", "0.0 cannot be raised to a negative power"],
    ["pow(epoch, -1)", 0, "ZeroDivisionError", "0.0 cannot be raised to a negative power"],
    ["10.0 ** 400", 0, "OverflowError", "(34, 'Numerical result out of range')"],
    ["1.5 ** (epoch * 10000)", 1, "OverflowError", "(34, 'Numerical result out of range')"],
    // 10 ** 400 is an int; `0.1 * (10 ** 400)` (base_lr * factor) raises:
    ["10 ** (epoch + 400)", 0, "OverflowError", "int too large to convert to float"],
    ["sqrt(epoch - 1)", 0, "ValueError", "math domain error"],
    ["log(epoch)", 0, "ValueError", "math domain error"],
    ["log(epoch - 1)", 0, "ValueError", "math domain error"],
    ["log(2, epoch)", 0, "ValueError", "math domain error"],
    ["log(2, epoch)", 1, "ZeroDivisionError", "float division by zero"],
    ["exp(1000 + epoch)", 0, "OverflowError", "math range error"],
    ["cos(1e308 * 10)", 0, "ValueError", "math domain error"],
    ["sin(-1e308 * 10)", 0, "ValueError", "math domain error"],
    ["tan(1e308 * 10)", 0, "ValueError", "math domain error"],
    ["floor(1e308 * 10)", 0, "OverflowError", "cannot convert float infinity to integer"],
    ["ceil(1e308 * 10 * 0)", 0, "ValueError", "cannot convert float NaN to integer"],
  ];
  for (const [source, epoch, kind, message] of cases) {
    it(`${source} at epoch ${epoch}: ${kind}: ${message}`, () => {
      expect(raised(source, epoch)).toEqual([kind, message]);
    });
  }

  it("returns the infinities and NaNs Python returns without raising", () => {
    // Python: 1e308 * 10 -> inf; math.exp(-1000) -> 0.0; math.sqrt(-0.0) -> -0.0;
    // math.sqrt(math.inf) -> inf; math.log(math.inf) -> inf; (1e308 * 10) - (1e308 * 10) -> nan
    const f = (source: string) => new FactorExpression(source).evaluate(0);
    expect(f("1e308 * 10")).toBe(Number.POSITIVE_INFINITY);
    expect(f("exp(-1000)")).toBe(0);
    expect(Object.is(f("sqrt(-0.0 * epoch)"), -0)).toBe(true);
    expect(f("sqrt(1e308 * 10)")).toBe(Number.POSITIVE_INFINITY);
    expect(f("log(1e308 * 10)")).toBe(Number.POSITIVE_INFINITY);
    expect(f("1e308 * 10 - 1e308 * 10")).toBeNaN();
    expect(f("log(8, 2)")).toBe(3); // math.log(8, 2) -> 3.0
  });

  it("LambdaLR raises at construction, as torch's LambdaLR(opt, lambda epoch: 1 / epoch)", () => {
    // torch: ZeroDivisionError: division by zero
    expect(() => new LambdaLR(optimizer(), { lrLambda: "1 / epoch" })).toThrow(
      'ZeroDivisionError: division by zero in lr_lambda "1 / epoch" at epoch 0',
    );
    expect(() => new LambdaLR(optimizer(), { lrLambda: "sqrt(epoch - 1)" })).toThrow(
      'ValueError: math domain error in lr_lambda "sqrt(epoch - 1)" at epoch 0',
    );
  });

  it("MultiplicativeLR raises at the step that evaluates it", () => {
    // torch: MultiplicativeLR(opt, lambda epoch: 1 / (epoch - 1)) constructs; step() raises
    // ZeroDivisionError: division by zero
    const o = optimizer();
    const s = new MultiplicativeLR(o, { lrLambda: "1 / (epoch - 1)" });
    o.step();
    expect(() => s.step()).toThrow(
      'ZeroDivisionError: division by zero in lr_lambda "1 / (epoch - 1)" at epoch 1',
    );
  });

  it("CyclicLR raises in scaleFn, in both scale modes", () => {
    // torch: CyclicLR(opt, 0.01, 0.1, step_size_up=2, scale_fn=lambda x: 1 / x,
    //   scale_mode="iterations") -> ZeroDivisionError: division by zero (at construction);
    //   scale_fn=lambda x: 1 / (x - 1), scale_mode="cycle" -> the same
    const make = (scaleFn: string, scaleMode: "cycle" | "iterations") => () =>
      new CyclicLR(optimizer(), { baseLr: 0.01, maxLr: 0.1, stepSizeUp: 2, scaleFn, scaleMode });
    let thrown: unknown;
    try {
      make("1 / x", "iterations")();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ExpressionEvaluationError);
    expect((thrown as ExpressionEvaluationError).kind).toBe("ZeroDivisionError");
    expect((thrown as Error).message).toBe(
      'ZeroDivisionError: division by zero in scale_fn "1 / x" at x 0',
    );
    expect(make("1 / (x - 1)", "cycle")).toThrow(
      'ZeroDivisionError: division by zero in scale_fn "1 / (x - 1)" at x 1',
    );
  });
});
