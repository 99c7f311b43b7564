import { SerializeError } from "../errors.js";

/** The `SerializeError` that `action` throws (rethrowing anything else); fails when it returns. */
export function errorOf(action: () => unknown): SerializeError {
  try {
    action();
  } catch (error) {
    if (error instanceof SerializeError) return error;
    throw error;
  }
  throw new Error("no error");
}
