// A phone's photo of a receipt is 3-5 MB: on one bar of signal, most of a minute. Shrunk on the
// phone to what a reader of the receipt needs, it is a tenth of that. PDFs go as they are.
// The library is loaded only when a photo is chosen, so it is not part of the first load.

/** Long side in pixels: the small print of a till receipt stays readable. */
const LONG_SIDE_PX = 1600;
/** What the shrinking aims under; the server keeps whatever arrives, up to its own limit. */
const TARGET_MB = 0.29;

export async function shrinkReceipt(file: File): Promise<File> {
  if (!file.type.startsWith("image/")) return file;
  try {
    const { default: imageCompression } = await import("browser-image-compression");
    const shrunk = await imageCompression(file, {
      maxWidthOrHeight: LONG_SIDE_PX,
      maxSizeMB: TARGET_MB,
      fileType: "image/jpeg",
      initialQuality: 0.8,
      // Its worker would load the library again from a CDN, which the CSP (rightly) refuses.
      useWebWorker: false,
    });
    if (shrunk.size >= file.size) return file;
    const name = `${(file.name || "receipt").replace(/\.[^.]*$/, "")}.jpg`;
    return new File([shrunk], name, { type: "image/jpeg", lastModified: file.lastModified });
  } catch {
    // A photo this browser cannot draw (HEIC on some phones) goes as it is: the server checks it.
    return file;
  }
}
