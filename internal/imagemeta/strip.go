// Package imagemeta removes metadata from photos before they are stored: a
// phone's photo of a contract can carry where and when it was taken, and the
// make of the phone, which could identify the worker. The phone strips them
// too (it re-encodes the photo); this is the server's own guarantee.
//
// The photo is decoded and encoded again from its pixels alone, so nothing
// of the original file survives but the picture: no EXIF, XMP or comments,
// no embedded thumbnail, no unknown PNG chunk, no data after the end of the
// image. (Copying only "safe" segments was bypassed by each of these.)
package imagemeta

import (
	"bytes"
	"errors"
	"image"
	"image/jpeg"
	"image/png"
)

// ErrUnsupported is returned for data that is not a JPEG or a PNG.
var ErrUnsupported = errors.New("imagemeta: not a JPEG or PNG image")

// ErrTooLarge is returned for a picture with more pixels than a phone's
// camera makes (a decompression bomb, most likely).
var ErrTooLarge = errors.New("imagemeta: picture too large")

// MaxPixels bounds width × height (a 48-megapixel camera, with room).
const MaxPixels = 64 << 20

// Strip returns the image encoded again without its metadata, in its own
// format (a JPEG at quality 90, a PNG losslessly).
func Strip(data []byte) ([]byte, error) {
	var encode func(*bytes.Buffer, image.Image) error
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xD8}):
		encode = func(b *bytes.Buffer, img image.Image) error { return jpeg.Encode(b, img, &jpeg.Options{Quality: 90}) }
	case bytes.HasPrefix(data, pngSignature):
		encode = func(b *bytes.Buffer, img image.Image) error { return png.Encode(b, img) }
	default:
		return nil, ErrUnsupported
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width*cfg.Height > MaxPixels {
		return nil, ErrTooLarge
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	if err := encode(&out, img); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

var pngSignature = []byte{0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}
