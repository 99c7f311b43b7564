import { createInterface } from "node:readline";
import type { Stint } from "./config.js";

/** The seed's questions (section 3.3 of the tutorial), word for word. */
export const QUESTIONS = {
  more: "Do you want to continue the iteration? [y/n]",
  epochs: "Number of epochs:",
  lr: "Update learning rate:",
} as const;

/** Asks for the next stint; resolves to null when the user is done (or the input ends). */
export type NextStint = () => Promise<Stint | null>;

/**
 * The seed's hand-driven loop as questions on `input`: "continue? [y/n]", then the epochs and the
 * learning rate of the next stint. Works on a terminal and with piped input (one answer a line).
 * A bad answer is explained and asked again; `n` or the end of the input ends the loop.
 *
 * @param write - Where the questions and the explanations go.
 * @param echo - Write each answer after its question, as a terminal shows what is typed: for
 *   piped input, whose answers would otherwise run the questions together on one line.
 */
export function stintPrompter(
  input: NodeJS.ReadableStream,
  write: (text: string) => void,
  echo = false,
): { next: NextStint; close(): void } {
  const rl = createInterface({ input, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  let ended = false;
  const ask = async (question: string): Promise<string | null> => {
    if (ended) return null;
    write(`${question} `);
    const line = await lines.next();
    if (line.done === true) {
      ended = true;
      write("\n");
      return null;
    }
    const answer = line.value.trim();
    if (echo) write(`${answer}\n`);
    return answer;
  };
  const askUntil = async <T>(
    question: string,
    read: (answer: string) => T | undefined,
    explain: string,
  ): Promise<T | null> => {
    for (;;) {
      const answer = await ask(question);
      if (answer === null) return null;
      const value = read(answer);
      if (value !== undefined) return value;
      write(`${explain}, got "${answer}"\n`);
    }
  };
  const next: NextStint = async () => {
    const more = await askUntil(
      QUESTIONS.more,
      (a) => (/^y(es)?$/i.test(a) ? true : /^n(o)?$/i.test(a) ? false : undefined),
      "please answer y or n",
    );
    if (more !== true) return null;
    const epochs = await askUntil(
      QUESTIONS.epochs,
      (a) => (/^\d+$/.test(a) && Number(a) >= 1 && Number(a) <= 1_000_000 ? Number(a) : undefined),
      "the number of epochs is an integer from 1 to 1000000",
    );
    if (epochs === null) return null;
    const lr = await askUntil(
      QUESTIONS.lr,
      (a) => {
        const n = Number(a);
        return a !== "" && Number.isFinite(n) && n > 0 ? n : undefined;
      },
      "the learning rate is a number > 0",
    );
    if (lr === null) return null;
    return { epochs, lr };
  };
  return { next, close: () => rl.close() };
}
