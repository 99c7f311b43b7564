import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { deserialize, detectFormat, readSafetensors, SerializeError } from "@kindling/serialize";
import { describeFsError, EXIT, UserError } from "../../errors.js";
import { count } from "../../util/count.js";
import { type Described, describeValue } from "./describeValue.js";
import { renderTree } from "./renderTree.js";
import { describedToJson, sections, totals } from "./toJson.js";

/** Options of `kindling inspect`. */
export interface InspectOptions {
  /** The checkpoint to read. */
  readonly file: string;
  /** Print one JSON document. */
  readonly json: boolean;
  /** Where text goes. */
  readonly stdout: NodeJS.WriteStream;
}

async function readBytes(file: string): Promise<Uint8Array> {
  try {
    return await readFile(file);
  } catch (error) {
    throw new UserError(`cannot read ${file}: ${describeFsError(error)}`, EXIT.io);
  }
}

/** `kindling inspect FILE`: what a .pt or .safetensors checkpoint holds. Resolves to the exit code. */
export async function runInspect(options: InspectOptions): Promise<number> {
  const bytes = await readBytes(options.file);
  let format: string;
  let value: Described;
  let metadata: Record<string, string> | undefined;
  try {
    const detected = detectFormat(bytes);
    format = detected === "pt" ? "PyTorch zip (torch.save)" : "safetensors";
    if (detected === "safetensors") {
      const file = readSafetensors(bytes);
      metadata = file.metadata;
      value = describeValue(file.tensors);
    } else {
      value = describeValue(deserialize(bytes));
    }
  } catch (error) {
    if (error instanceof SerializeError) {
      throw new UserError(
        `cannot read ${options.file}: not a valid checkpoint (${error.message.split("\n")[0]})`,
        EXIT.io,
      );
    }
    throw error;
  }
  const { tensors, elements } = totals(value);
  if (options.json) {
    const doc = {
      command: "inspect",
      file: options.file,
      format,
      bytes: bytes.length,
      tensors,
      elements,
      sections: sections(value),
      ...(metadata === undefined ? {} : { metadata }),
      value: describedToJson(value),
    };
    options.stdout.write(`${JSON.stringify(doc, null, 1)}\n`);
    return EXIT.ok;
  }
  const lines = [
    `${options.file}: ${format}, ${count(bytes.length, "byte")}, ${count(tensors, "tensor")} (${count(elements, "element")})`,
    ...(metadata !== undefined && Object.keys(metadata).length > 0
      ? [`metadata: ${JSON.stringify(metadata)}`]
      : []),
    ...renderTree(value, basename(options.file)),
  ];
  options.stdout.write(`${lines.join("\n")}\n`);
  return EXIT.ok;
}
