// Package imagemeta removes metadata from photos before they are stored: a
// phone's photo of a contract can carry where and when it was taken, and the
// make of the phone, which could identify the worker. The phone strips them
// too (it re-encodes the photo); this is the server's own guarantee.
//
// Only the container is rewritten, never the pixels: JPEG APPn segments
// other than the JFIF header, and comments, are dropped; PNG text, time and
// EXIF chunks are dropped.
package imagemeta

import (
	"bytes"
	"encoding/binary"
	"errors"
)

// ErrUnsupported is returned for data that is not a JPEG or a PNG.
var ErrUnsupported = errors.New("imagemeta: not a JPEG or PNG image")

// Strip returns the image without its metadata.
func Strip(data []byte) ([]byte, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xD8}):
		return stripJPEG(data)
	case bytes.HasPrefix(data, pngSignature):
		return stripPNG(data)
	default:
		return nil, ErrUnsupported
	}
}

// stripJPEG copies the segments before the image data, leaving out APP1–APP15
// (EXIF, XMP, ICC, maker notes…) and COM, then the rest unchanged.
func stripJPEG(data []byte) ([]byte, error) {
	out := make([]byte, 0, len(data))
	out = append(out, 0xFF, 0xD8)
	i := 2
	for {
		if i+4 > len(data) || data[i] != 0xFF {
			return nil, errors.New("imagemeta: truncated or malformed JPEG")
		}
		marker := data[i+1]
		if marker == 0xFF { // fill byte
			i++
			continue
		}
		if marker == 0xDA || marker == 0xD9 { // start of scan, or end: the rest is image data
			return append(out, data[i:]...), nil
		}
		length := int(binary.BigEndian.Uint16(data[i+2 : i+4]))
		end := i + 2 + length
		if length < 2 || end > len(data) {
			return nil, errors.New("imagemeta: truncated JPEG segment")
		}
		isAppN := marker >= 0xE1 && marker <= 0xEF
		if !isAppN && marker != 0xFE {
			out = append(out, data[i:end]...)
		}
		i = end
	}
}

var pngSignature = []byte{0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}

// droppedPNGChunks carry text, time or EXIF; none is needed to show the image.
var droppedPNGChunks = map[string]bool{"tEXt": true, "zTXt": true, "iTXt": true, "tIME": true, "eXIf": true}

func stripPNG(data []byte) ([]byte, error) {
	out := make([]byte, 0, len(data))
	out = append(out, pngSignature...)
	i := len(pngSignature)
	for i < len(data) {
		if i+12 > len(data) {
			return nil, errors.New("imagemeta: truncated PNG chunk")
		}
		length := int(binary.BigEndian.Uint32(data[i : i+4]))
		end := i + 12 + length
		if length < 0 || end > len(data) {
			return nil, errors.New("imagemeta: truncated PNG chunk")
		}
		kind := string(data[i+4 : i+8])
		if !droppedPNGChunks[kind] {
			out = append(out, data[i:end]...)
		}
		i = end
		if kind == "IEND" {
			break
		}
	}
	return out, nil
}
