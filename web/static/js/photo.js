// photo.js: a photo of a document (contract, payslip, receipt), made small
// on the phone before it is queued: at most 1600 px on its long side,
// re-encoded as JPEG through a canvas, which also leaves its EXIF data
// (where and when it was taken, the phone) behind.

export const MAX_SIDE = 1600;

// shrink returns the JPEG of an image file; it rejects what is not an image.
export async function shrink(file) {
  const image = await createImageBitmap(file, { imageOrientation: 'from-image' });
  const scale = Math.min(1, MAX_SIDE / Math.max(image.width, image.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(image.width * scale);
  canvas.height = Math.round(image.height * scale);
  const g = canvas.getContext('2d');
  g.fillStyle = '#fff'; // a transparent PNG on white, not black
  g.fillRect(0, 0, canvas.width, canvas.height);
  g.drawImage(image, 0, 0, canvas.width, canvas.height);
  image.close();
  return new Promise((ok, ko) => canvas.toBlob((blob) => (blob ? ok(blob) : ko(new Error('photo: not encoded'))), 'image/jpeg', 0.8));
}
