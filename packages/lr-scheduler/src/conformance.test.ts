import { describeFixtures } from "./testing/fixtureSuite.js";

// One conformance suite: every scheduler against the sequences PyTorch 1.13 produced
// (scripts/torch/gen_lr_scheduler.py). Each file's worst relative error is printed at the end.
for (const file of [
  "lambda_lr",
  "multiplicative_lr",
  "step_lr",
  "multi_step_lr",
  "constant_lr",
  "linear_lr",
  "exponential_lr",
  "polynomial_lr",
  "cosine_annealing_lr",
  "chained_scheduler",
  "sequential_lr",
  "reduce_lr_on_plateau",
  "cyclic_lr",
  "one_cycle_lr",
  "cosine_annealing_warm_restarts",
  "swalr",
]) {
  describeFixtures(file);
}
