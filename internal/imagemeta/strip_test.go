package imagemeta

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"testing"
)

func testImage() image.Image {
	img := image.NewRGBA(image.Rect(0, 0, 8, 8))
	for x := 0; x < 8; x++ {
		img.Set(x, x, color.RGBA{200, 10, 10, 255})
	}
	return img
}

func segment(marker byte, payload string) []byte {
	b := []byte{0xFF, marker, 0, 0}
	binary.BigEndian.PutUint16(b[2:], uint16(len(payload)+2))
	return append(b, payload...)
}

func chunk(kind, payload string) []byte {
	b := make([]byte, 4)
	binary.BigEndian.PutUint32(b, uint32(len(payload)))
	b = append(b, kind...)
	b = append(b, payload...)
	crc := make([]byte, 4)
	binary.BigEndian.PutUint32(crc, crc32.ChecksumIEEE([]byte(kind+payload)))
	return append(b, crc...)
}

func TestStripJPEGRemovesLocationAndKeepsThePicture(t *testing.T) {
	var buf bytes.Buffer
	jpeg.Encode(&buf, testImage(), nil)
	clean := buf.Bytes()
	// A phone photo: EXIF with GPS, XMP and a comment right after SOI.
	var photo []byte
	photo = append(photo, clean[:2]...)
	photo = append(photo, segment(0xE1, "Exif\x00\x00GPSLatitude 33.57 N Casablanca")...)
	photo = append(photo, segment(0xE1, "http://ns.adobe.com/xap/1.0/ <x:xmpmeta>")...)
	photo = append(photo, segment(0xFE, "taken by Samsung SM-A105F")...)
	photo = append(photo, clean[2:]...)

	out, err := Strip(photo)
	if err != nil {
		t.Fatal(err)
	}
	for _, leak := range []string{"Exif", "GPS", "Casablanca", "xmpmeta", "Samsung"} {
		if bytes.Contains(out, []byte(leak)) {
			t.Errorf("%q survived", leak)
		}
	}
	if _, err := jpeg.Decode(bytes.NewReader(out)); err != nil {
		t.Fatalf("the stripped photo no longer decodes: %v", err)
	}
}

// TestStripLeavesNothingButThePicture: what copying "safe" segments let
// through: data after the end of the image, a JPEG thumbnail in a JFIF
// extension, an unknown PNG chunk.
func TestStripLeavesNothingButThePicture(t *testing.T) {
	var j, p bytes.Buffer
	jpeg.Encode(&j, testImage(), nil)
	png.Encode(&p, testImage())
	jb, pb := j.Bytes(), p.Bytes()
	photos := map[string][]byte{
		"after the JPEG end": append(append([]byte{}, jb...), "GPS 33.57N"...),
		"JFXX thumbnail":     append(append(append([]byte{}, jb[:2]...), segment(0xE0, "JFXX\x00\x10GPS 33.57N")...), jb[2:]...),
		"unknown PNG chunk":  append(append(append([]byte{}, pb[:33]...), chunk("prVt", "GPS 33.57N")...), pb[33:]...),
		"after the PNG IEND": append(append([]byte{}, pb...), "GPS 33.57N"...),
	}
	for name, photo := range photos {
		out, err := Strip(photo)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if bytes.Contains(out, []byte("GPS")) {
			t.Errorf("%s: the location survived", name)
		}
	}
}

func TestStripPNG(t *testing.T) {
	var buf bytes.Buffer
	png.Encode(&buf, testImage())
	clean := buf.Bytes()
	// Insert text and EXIF chunks after IHDR (8 + 25 bytes).
	var photo []byte
	photo = append(photo, clean[:33]...)
	photo = append(photo, chunk("tEXt", "Author\x00Fatima")...)
	photo = append(photo, chunk("eXIf", "GPS 36.8 N")...)
	photo = append(photo, clean[33:]...)
	out, err := Strip(photo)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(out, []byte("Fatima")) || bytes.Contains(out, []byte("GPS")) {
		t.Fatal("metadata survived")
	}
	if _, err := png.Decode(bytes.NewReader(out)); err != nil {
		t.Fatalf("decode: %v", err)
	}
}

func TestStripRefusesWhatItCannotRead(t *testing.T) {
	for name, data := range map[string][]byte{
		"gif":             []byte("GIF89a...."),
		"truncated jpeg":  {0xFF, 0xD8, 0xFF, 0xE1, 0x00},
		"bad jpeg length": append([]byte{0xFF, 0xD8}, segment(0xE1, "x")[:3]...),
		"png header only": pngSignature,
	} {
		if _, err := Strip(data); err == nil {
			t.Errorf("%s: expected an error", name)
		}
	}
}

// FuzzStrip: whatever comes in, Strip either refuses it or returns a picture
// that decodes and strips again (seeds in testdata/fuzz/FuzzStrip).
func FuzzStrip(f *testing.F) {
	var j, p bytes.Buffer
	jpeg.Encode(&j, testImage(), nil)
	png.Encode(&p, testImage())
	f.Add(j.Bytes())
	f.Add(p.Bytes())
	f.Fuzz(func(t *testing.T, data []byte) {
		out, err := Strip(data)
		if err != nil {
			return
		}
		if _, _, err := image.Decode(bytes.NewReader(out)); err != nil {
			t.Fatalf("Strip returned a picture that does not decode: %v", err)
		}
		if _, err := Strip(out); err != nil {
			t.Fatalf("Strip refused its own output: %v", err)
		}
	})
}
