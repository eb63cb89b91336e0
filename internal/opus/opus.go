// Package opus reads what AMEM needs to know of an Ogg Opus recording (RFC
// 7845): that it is one, and how long it plays. Guides' recordings are Opus
// only: the smallest good speech a phone can play, and one format to check.
//
// It decodes no audio. Pure Go, no PocketBase.
package opus

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"time"
)

// SampleRate is the rate Opus granule positions count in, whatever the
// rate of the recording that was encoded (RFC 7845 section 4).
const SampleRate = 48000

// Errors Parse wraps, so callers can say which way a file is wrong.
var (
	// ErrNotOgg: the file is not an Ogg stream (an MP3, an M4A, a WAV, a WebM, …).
	ErrNotOgg = errors.New("not an Ogg file")
	// ErrNotOpus: an Ogg stream, but not of Opus (Vorbis, FLAC, Speex, …).
	ErrNotOpus = errors.New("not Opus")
	// ErrDamaged: an Ogg Opus file cut short or altered.
	ErrDamaged = errors.New("damaged")
)

// Info is what Parse reads of a recording.
type Info struct {
	Channels  int
	PreSkip   int   // samples at 48 kHz the decoder drops at the start
	InputRate int   // the rate the recording was made at (informational; 0 when unknown)
	Granule   int64 // the last page's granule position
	Vendor    string
	Duration  time.Duration
	Comments  map[string]string // upper-case keys (ARTIST, TITLE, …); the first value of each
	Pages     int
	Packets   int // audio packets after the two headers
}

// Seconds is the duration rounded up to whole seconds (at least 1): what a
// player shows before it has the file.
func (i Info) Seconds() int {
	s := int((i.Duration + time.Second - 1) / time.Second)
	return max(s, 1)
}

const (
	flagContinued = 0x01
	flagFirst     = 0x02
	flagLast      = 0x04
	headerSize    = 27
)

// page is one Ogg page.
type page struct {
	flags   byte
	granule int64
	serial  uint32
	seq     uint32
	packets [][]byte // whole packets ending in this page, and the unfinished rest last when open
	open    bool     // the last packet continues on the next page
}

// Parse checks that data is one Ogg Opus stream (capture patterns, page
// checksums, the OpusHead and OpusTags headers) and reads its duration:
// the last page's granule position minus the pre-skip, at 48 kHz.
func Parse(data []byte) (Info, error) {
	var info Info
	if !bytes.HasPrefix(data, []byte("OggS")) {
		return info, fmt.Errorf("%w: it does not start with the Ogg capture pattern \"OggS\"", ErrNotOgg)
	}
	var serial uint32
	var packet []byte // the packet being put together across pages
	var packets [][]byte
	lastGranule := int64(-1)
	for off, n := 0, 0; off < len(data); n++ {
		p, size, err := readPage(data[off:])
		if err != nil {
			return info, fmt.Errorf("%w: page %d (byte %d): %v", ErrDamaged, n+1, off, err)
		}
		switch {
		case n == 0 && p.flags&flagFirst == 0:
			return info, fmt.Errorf("%w: the first page is not marked as the start of a stream", ErrDamaged)
		case n == 0:
			serial = p.serial
		case p.serial != serial:
			return info, fmt.Errorf("%w: more than one stream (a chained or multiplexed file): keep one voice track", ErrNotOpus)
		case p.seq != uint32(n):
			return info, fmt.Errorf("%w: page %d is numbered %d: pages are missing", ErrDamaged, n+1, p.seq+1)
		}
		if p.flags&flagContinued != 0 && packet == nil {
			return info, fmt.Errorf("%w: page %d continues a packet that never started", ErrDamaged, n+1)
		}
		for i, part := range p.packets {
			packet = append(packet, part...)
			if i == len(p.packets)-1 && p.open {
				break
			}
			packets = append(packets, packet)
			packet = nil
		}
		if p.open && packet == nil {
			packet = []byte{} // an open packet with no bytes yet on this page
		}
		if n == 0 {
			// RFC 7845: the identification header is alone on the first page.
			if len(packets) != 1 || p.open || p.granule != 0 {
				if len(packets) > 0 && !bytes.HasPrefix(packets[0], []byte("OpusHead")) {
					return info, notOpus(packets[0])
				}
				return info, fmt.Errorf("%w: the first page must hold the OpusHead header alone", ErrNotOpus)
			}
			if err := readHead(&info, packets[0]); err != nil {
				return info, err
			}
		}
		if p.granule != -1 {
			lastGranule = p.granule
		}
		info.Pages++
		off += size
	}
	if packet != nil {
		return info, fmt.Errorf("%w: the file ends inside a packet (cut short?)", ErrDamaged)
	}
	if len(packets) < 2 || !bytes.HasPrefix(packets[1], []byte("OpusTags")) {
		return info, fmt.Errorf("%w: the OpusTags header does not follow OpusHead", ErrNotOpus)
	}
	if err := readTags(&info, packets[1]); err != nil {
		return info, err
	}
	info.Packets = len(packets) - 2
	if info.Packets == 0 {
		return info, fmt.Errorf("%w: there is no audio after the headers", ErrDamaged)
	}
	info.Granule = lastGranule
	samples := lastGranule - int64(info.PreSkip)
	if samples <= 0 {
		return info, fmt.Errorf("%w: the last granule position (%d) is not after the pre-skip (%d)", ErrDamaged, lastGranule, info.PreSkip)
	}
	info.Duration = time.Duration(samples) * time.Second / SampleRate
	return info, nil
}

// notOpus names the codec an Ogg stream carries instead of Opus, when known.
func notOpus(first []byte) error {
	for prefix, codec := range map[string]string{"\x01vorbis": "Vorbis", "\x7fFLAC": "FLAC", "Speex   ": "Speex", "\x80theora": "Theora (video)"} {
		if bytes.HasPrefix(first, []byte(prefix)) {
			return fmt.Errorf("%w: the Ogg file holds %s", ErrNotOpus, codec)
		}
	}
	return fmt.Errorf("%w: the first packet is not an OpusHead header", ErrNotOpus)
}

// readPage reads the page at the start of b and returns it and its size.
func readPage(b []byte) (page, int, error) {
	var p page
	if len(b) < headerSize || string(b[:4]) != "OggS" {
		return p, 0, errors.New("no Ogg capture pattern \"OggS\" where a page should start")
	}
	if b[4] != 0 {
		return p, 0, fmt.Errorf("unknown Ogg version %d", b[4])
	}
	p.flags = b[5]
	p.granule = int64(binary.LittleEndian.Uint64(b[6:]))
	p.serial = binary.LittleEndian.Uint32(b[14:])
	p.seq = binary.LittleEndian.Uint32(b[18:])
	segments := int(b[26])
	if len(b) < headerSize+segments {
		return p, 0, errors.New("cut short in the segment table")
	}
	table := b[headerSize : headerSize+segments]
	size := headerSize + segments
	for _, l := range table {
		size += int(l)
	}
	if len(b) < size {
		return p, 0, errors.New("cut short")
	}
	if got, want := binary.LittleEndian.Uint32(b[22:]), Checksum(b[:size]); got != want {
		return p, 0, fmt.Errorf("checksum %08x, computed %08x", got, want)
	}
	at := headerSize + segments
	start := at
	for i, l := range table {
		at += int(l)
		if l < 255 {
			p.packets = append(p.packets, b[start:at])
			start = at
		} else if i == len(table)-1 {
			p.packets = append(p.packets, b[start:at])
			p.open = true
		}
	}
	return p, size, nil
}

// readHead reads the identification header (RFC 7845 section 5.1).
func readHead(info *Info, h []byte) error {
	if len(h) < 19 || string(h[:8]) != "OpusHead" {
		return notOpus(h)
	}
	if h[8]>>4 != 0 {
		return fmt.Errorf("%w: OpusHead version %d is not one this reader knows", ErrNotOpus, h[8])
	}
	info.Channels = int(h[9])
	info.PreSkip = int(binary.LittleEndian.Uint16(h[10:]))
	info.InputRate = int(binary.LittleEndian.Uint32(h[12:]))
	if info.Channels == 0 {
		return fmt.Errorf("%w: OpusHead says 0 channels", ErrDamaged)
	}
	if family := h[18]; family != 0 && len(h) < 21+info.Channels {
		return fmt.Errorf("%w: OpusHead's channel mapping table is cut short", ErrDamaged)
	}
	return nil
}

// readTags reads the comment header (RFC 7845 section 5.2).
func readTags(info *Info, h []byte) error {
	bad := fmt.Errorf("%w: the OpusTags header is cut short", ErrDamaged)
	r := h[8:]
	str := func() (string, bool) {
		if len(r) < 4 {
			return "", false
		}
		n := binary.LittleEndian.Uint32(r)
		if uint64(len(r)-4) < uint64(n) {
			return "", false
		}
		s := string(r[4 : 4+n])
		r = r[4+n:]
		return s, true
	}
	vendor, ok := str()
	if !ok || len(r) < 4 {
		return bad
	}
	info.Vendor = vendor
	count := binary.LittleEndian.Uint32(r)
	r = r[4:]
	info.Comments = map[string]string{}
	for range count {
		c, ok := str()
		if !ok {
			return bad
		}
		if k, v, ok := bytes.Cut([]byte(c), []byte("=")); ok {
			key := string(bytes.ToUpper(k))
			if _, seen := info.Comments[key]; !seen {
				info.Comments[key] = string(v)
			}
		}
	}
	return nil
}

// crcTable is Ogg's CRC-32: polynomial 0x04c11db7, not reflected, initial 0.
var crcTable = func() (t [256]uint32) {
	for i := range t {
		r := uint32(i) << 24
		for range 8 {
			if r&0x80000000 != 0 {
				r = r<<1 ^ 0x04c11db7
			} else {
				r <<= 1
			}
		}
		t[i] = r
	}
	return t
}()

// Checksum is the Ogg CRC of a whole page, computed as if its checksum
// field (bytes 22 to 25) were zero.
func Checksum(page []byte) uint32 {
	var crc uint32
	for i, b := range page {
		if i >= 22 && i < 26 {
			b = 0
		}
		crc = crc<<8 ^ crcTable[byte(crc>>24)^b]
	}
	return crc
}
