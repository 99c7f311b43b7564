/**
 * The syntax tree of a factor expression (see {@link parseExpression}). Numbers are non-negative
 * literals; a leading minus is a `unary` node.
 */
export type ExpressionNode =
  | {
      /** A number literal. */
      readonly type: "number";
      /** Its value (non-negative; a minus sign is a `unary` node). */
      readonly value: number;
      /**
       * Set when an integral value is written as a Python float (`1.0`, `1e3`), which changes
       * Python's message for a division by zero. Absent otherwise.
       */
      readonly float?: true;
    }
  | {
      /** A variable or constant name (`epoch`, `pi`, `e`). */
      readonly type: "name";
      /** The name as written. */
      readonly name: string;
    }
  | {
      /** A prefix sign. */
      readonly type: "unary";
      /** `-` negates, `+` does nothing. */
      readonly operator: "-" | "+";
      /** The signed expression. */
      readonly operand: ExpressionNode;
    }
  | {
      /** An infix operation. */
      readonly type: "binary";
      /** Which operation, with Python's semantics. */
      readonly operator: BinaryOperator;
      /** The left operand. */
      readonly left: ExpressionNode;
      /** The right operand. */
      readonly right: ExpressionNode;
    }
  | {
      /** A call of one of the built-in functions. */
      readonly type: "call";
      /** The function's name (`cos`, `min`, ...). */
      readonly callee: string;
      /** The arguments, in order. */
      readonly args: readonly ExpressionNode[];
    }
  | {
      /** Python's `a if test else b`. */
      readonly type: "conditional";
      /** The condition; non-zero is true. */
      readonly test: ExpressionNode;
      /** The value when `test` is true. */
      readonly consequent: ExpressionNode;
      /** The value when `test` is false. */
      readonly alternate: ExpressionNode;
    };

/** The binary operators, Python's arithmetic (`//` floors, `%` takes the divisor's sign) and comparisons. */
export type BinaryOperator =
  | "+"
  | "-"
  | "*"
  | "/"
  | "//"
  | "%"
  | "**"
  | "<"
  | "<="
  | ">"
  | ">="
  | "=="
  | "!=";
