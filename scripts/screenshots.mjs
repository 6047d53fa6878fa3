// README screenshots that change only when the UI does: captured once the workbench is still, and
// written only when they differ visibly from the file already there (Chromium's software rendering
// varies a few anti-aliased pixels by ±1 between runs; rewriting for that would dirty the repository
// on every `npm test`).
// samePicture's callback runs in the browser:
/* global createImageBitmap, fetch, OffscreenCanvas */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/**
 * A screenshot once the workbench has stopped changing: scrollbars fade out and icons (e.g. the
 * lightbulb of a selected problem) arrive a moment after the action. Two identical consecutive frames
 * count as settled; after 10 s the last frame is used.
 */
export async function settledScreenshot(page) {
  let previous = await page.screenshot();
  for (const deadline = Date.now() + 10_000; Date.now() < deadline; ) {
    await page.waitForTimeout(300);
    const next = await page.screenshot();
    if (next.equals(previous)) return next;
    previous = next;
  }
  return previous;
}

/**
 * Whether two PNGs show the same picture, allowing ±`tolerance` per colour channel. Decoded in a blank
 * page of the browser (the workbench's content security policy would refuse the data: URLs).
 */
async function samePicture(context, a, b, tolerance = 2) {
  const page = await context.newPage();
  try {
    return await page.evaluate(
      async ([a, b, tolerance]) => {
        const pixels = async (base64) => {
          const bitmap = await createImageBitmap(await (await fetch(`data:image/png;base64,${base64}`)).blob());
          const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
          const context = canvas.getContext('2d');
          context.drawImage(bitmap, 0, 0);
          return { width: bitmap.width, height: bitmap.height, data: context.getImageData(0, 0, bitmap.width, bitmap.height).data };
        };
        const [pa, pb] = await Promise.all([pixels(a), pixels(b)]);
        if (pa.width !== pb.width || pa.height !== pb.height) return false;
        return pa.data.every((v, i) => Math.abs(v - pb.data[i]) <= tolerance);
      },
      [a.toString('base64'), b.toString('base64'), tolerance],
    );
  } finally {
    await page.close();
  }
}

/** Writes `png` to `file` unless the file already shows the same picture; returns whether it wrote. */
export async function writeScreenshot(page, file, png) {
  if (existsSync(file) && (await samePicture(page.context(), readFileSync(file), png))) return false;
  writeFileSync(file, png);
  return true;
}
