package opus_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"testing"
	"time"

	"amem/internal/opus"
	"amem/internal/opus/opustest"
)

// The Ogg CRC is CRC-32/CKSUM without its final inversion: the catalogue's
// check value of "123456789" (0x765e7680) inverted.
func TestChecksumKnownValue(t *testing.T) {
	if got := opus.Checksum([]byte("123456789")); got != 0x89a1897f {
		t.Fatalf("Checksum(123456789) = %08x, want 89a1897f", got)
	}
}

func TestParseReadsHeader(t *testing.T) {
	info, err := opus.Parse(opustest.File(3*time.Second, "Fatima"))
	if err != nil {
		t.Fatal(err)
	}
	if info.Channels != 1 || info.PreSkip != opustest.PreSkip || info.InputRate != 48000 || info.Comments["ARTIST"] != "Fatima" {
		t.Fatalf("header = %+v", info)
	}
}

// The duration is the last granule position minus the pre-skip, at 48 kHz:
// 150 frames of 20 ms are 3 s, whatever the pre-skip.
func TestParseDuration(t *testing.T) {
	info, err := opus.Parse(opustest.File(3*time.Second, ""))
	if err != nil {
		t.Fatal(err)
	}
	if info.Duration != 3*time.Second || info.Granule != 312+150*960 || info.Packets != 150 {
		t.Fatalf("duration %v, granule %d, packets %d", info.Duration, info.Granule, info.Packets)
	}
}

func TestSecondsRoundsUp(t *testing.T) {
	for d, want := range map[time.Duration]int{20 * time.Millisecond: 1, 2 * time.Second: 2, 2020 * time.Millisecond: 3} {
		info, err := opus.Parse(opustest.File(d, ""))
		if err != nil {
			t.Fatal(err)
		}
		if info.Seconds() != want {
			t.Errorf("%v: Seconds() = %d, want %d", d, info.Seconds(), want)
		}
	}
}

// Files that are not Ogg Opus are refused, each with the reason.
func TestParseRefuses(t *testing.T) {
	good := opustest.File(time.Second, "")
	vorbis := opustest.Page(0x02, 0, 1, 0, append([]byte("\x01vorbis"), make([]byte, 22)...))
	corrupt := bytes.Clone(good)
	corrupt[len(corrupt)-1] ^= 0xff                // a byte of the last page's audio
	pages := bytes.Split(good, []byte("OggS"))[1:] // no "OggS" inside these pages' bytes
	headers := append(append([]byte("OggS"), pages[0]...), append([]byte("OggS"), pages[1]...)...)
	renumbered := bytes.Clone(good)
	binary.LittleEndian.PutUint32(renumbered[len(headers)+18:], 7) // the first audio page
	renumbered = renumbered[:len(headers)+len(pages[2])+4]
	fixChecksum(renumbered[len(headers):])
	for name, c := range map[string]struct {
		data []byte
		want error
	}{
		"mp3 with ID3":        {[]byte("ID3\x04\x00\x00\x00\x00\x00\x00\xff\xfb\x90\x00"), opus.ErrNotOgg},
		"m4a":                 {[]byte("\x00\x00\x00\x20ftypM4A \x00\x00\x00\x00"), opus.ErrNotOgg},
		"webm":                {[]byte("\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01"), opus.ErrNotOgg},
		"empty":               {nil, opus.ErrNotOgg},
		"ogg vorbis":          {vorbis, opus.ErrNotOpus},
		"headers only":        {headers, opus.ErrDamaged},
		"cut short":           {good[:len(good)-10], opus.ErrDamaged},
		"bad checksum":        {corrupt, opus.ErrDamaged},
		"missing page number": {renumbered, opus.ErrDamaged},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := opus.Parse(c.data)
			if !errors.Is(err, c.want) {
				t.Fatalf("Parse = %v, want %v", err, c.want)
			}
		})
	}
}

func fixChecksum(page []byte) { binary.LittleEndian.PutUint32(page[22:], opus.Checksum(page)) }
