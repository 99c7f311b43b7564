/**
 * A reference to an allow-listed Python global (`collections.OrderedDict`,
 * `torch._utils._rebuild_tensor_v2`, `torch.FloatStorage`, ...) on the unpickler's stack. It is
 * a name only: nothing is looked up or executed; what a REDUCE of it does is decided by the
 * allow-list.
 */
export class PyGlobal {
  /** The module (`torch._utils`). */
  readonly module: string;
  /** The name inside the module (`_rebuild_tensor_v2`). */
  readonly name: string;

  /** The global `module.name`. */
  constructor(module: string, name: string) {
    this.module = module;
    this.name = name;
  }

  /** `module.name`. */
  get qualifiedName(): string {
    return `${this.module}.${this.name}`;
  }
}
