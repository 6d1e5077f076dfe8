import { fileTypeFromBuffer } from "file-type";
import { ValidationError } from "@greentape/domain/errors";

export const MAX_RECEIPT_BYTES = 10 * 1024 * 1024;
const ACCEPTED = new Set(["image/jpeg", "image/png", "image/webp", "application/pdf"]);

export interface CleanReceipt {
  bytes: Buffer;
  contentType: string;
}

/**
 * Judges the file by its bytes, not its name, and re-encodes images so no EXIF (a phone's GPS
 * position, above all) survives. sharp drops metadata unless asked to keep it; `rotate()` first
 * bakes the EXIF orientation into the pixels so the photo still stands the right way up.
 */
export async function cleanReceipt(bytes: Buffer): Promise<CleanReceipt> {
  const detected = await fileTypeFromBuffer(bytes);
  if (!detected || !ACCEPTED.has(detected.mime)) {
    throw ValidationError.field("file", "A receipt must be a JPEG, PNG, WebP or PDF file");
  }
  if (detected.mime === "application/pdf") return { bytes, contentType: detected.mime };
  // Loaded on first use: libvips costs ~30 MB of resident memory a server that never sees a photo should not carry.
  const { default: sharp } = await import("sharp");
  try {
    const image = sharp(bytes, { failOn: "error" }).rotate();
    const output =
      detected.mime === "image/jpeg"
        ? await image.jpeg({ quality: 85, mozjpeg: true }).toBuffer()
        : detected.mime === "image/png"
          ? await image.png().toBuffer()
          : await image.webp({ quality: 85 }).toBuffer();
    return { bytes: output, contentType: detected.mime };
  } catch {
    throw ValidationError.field("file", "This image could not be read; take the photo again");
  }
}
