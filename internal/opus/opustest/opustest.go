// Package opustest makes small valid Ogg Opus files for tests: AMEM ships
// no recording of its own (none has been made yet), so tests build theirs.
package opustest

import (
	"encoding/binary"
	"time"

	"amem/internal/opus"
)

// PreSkip is the pre-skip the files of this package declare (libopus's usual 312).
const PreSkip = 312

// Silence is one 20 ms frame of silence: TOC byte 0xF8 (configuration 31,
// CELT-only fullband 20 ms; mono; one frame) and a frame body that
// decodes to silence (the packet WebRTC sends for comfort noise off).
var Silence = []byte{0xF8, 0xFF, 0xFE}

// FrameSamples is how many 48 kHz samples one Silence packet plays.
const FrameSamples = 960

// File returns an Ogg Opus file of silence lasting d (rounded down to
// 20 ms frames, at least one), mono, with ARTIST set to artist when not empty.
func File(d time.Duration, artist string) []byte {
	frames := max(int(d/(20*time.Millisecond)), 1)
	head := []byte("OpusHead")
	head = append(head, 1, 1) // version 1, mono
	head = binary.LittleEndian.AppendUint16(head, PreSkip)
	head = binary.LittleEndian.AppendUint32(head, 48000)
	head = append(head, 0, 0, 0) // gain 0, mapping family 0

	tags := []byte("OpusTags")
	tags = appendString(tags, "amem opustest")
	var comments []string
	if artist != "" {
		comments = append(comments, "ARTIST="+artist)
	}
	tags = binary.LittleEndian.AppendUint32(tags, uint32(len(comments)))
	for _, c := range comments {
		tags = appendString(tags, c)
	}

	var out []byte
	seq := uint32(0)
	add := func(flags byte, granule int64, packets ...[]byte) {
		out = append(out, Page(flags, granule, 0x414d454d, seq, packets...)...)
		seq++
	}
	add(0x02, 0, head)
	add(0, 0, tags)
	granule := int64(PreSkip)
	for done := 0; done < frames; {
		n := min(frames-done, 200)
		packets := make([][]byte, n)
		for i := range packets {
			packets[i] = Silence
		}
		done += n
		granule += int64(n * FrameSamples)
		flags := byte(0)
		if done == frames {
			flags = 0x04
		}
		add(flags, granule, packets...)
	}
	return out
}

// Page builds one Ogg page holding whole packets (each under 255*255 bytes
// in all), with its checksum.
func Page(flags byte, granule int64, serial, seq uint32, packets ...[]byte) []byte {
	var table, body []byte
	for _, p := range packets {
		n := len(p)
		for n >= 255 {
			table = append(table, 255)
			n -= 255
		}
		table = append(table, byte(n))
		body = append(body, p...)
	}
	b := []byte("OggS")
	b = append(b, 0, flags)
	b = binary.LittleEndian.AppendUint64(b, uint64(granule))
	b = binary.LittleEndian.AppendUint32(b, serial)
	b = binary.LittleEndian.AppendUint32(b, seq)
	b = binary.LittleEndian.AppendUint32(b, 0) // checksum, below
	b = append(b, byte(len(table)))
	b = append(b, table...)
	b = append(b, body...)
	binary.LittleEndian.PutUint32(b[22:], opus.Checksum(b))
	return b
}

func appendString(b []byte, s string) []byte {
	return append(binary.LittleEndian.AppendUint32(b, uint32(len(s))), s...)
}
