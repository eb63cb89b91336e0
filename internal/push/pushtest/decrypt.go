package pushtest

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/ecdh"
	"crypto/hkdf"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
)

// decrypt opens an aes128gcm body (RFC 8188) encrypted for a subscription
// (RFC 8291) with the browser's key pair and auth secret.
//
//	header: salt (16) | record size (4) | key id length (1) | key id (65: the sender's ephemeral public key)
//	then one record: AES-128-GCM(content | 0x02 | zero padding)
func decrypt(body []byte, ua *ecdh.PrivateKey, auth []byte) ([]byte, error) {
	if len(body) < 21 {
		return nil, errors.New("aes128gcm: body shorter than the header")
	}
	salt := body[:16]
	rs := binary.BigEndian.Uint32(body[16:20])
	idLen := int(body[20])
	if idLen != 65 || len(body) < 21+idLen {
		return nil, fmt.Errorf("aes128gcm: key id of %d bytes, want the 65-byte public key", idLen)
	}
	asPublic := body[21 : 21+idLen]
	record := body[21+idLen:]
	if rs < 18 {
		return nil, fmt.Errorf("aes128gcm: record size %d", rs)
	}
	// RFC 8291 §4: a push message is a single record.
	if len(record) > int(rs) || len(record) < 17 {
		return nil, fmt.Errorf("aes128gcm: %d bytes of records with record size %d, want exactly one record", len(record), rs)
	}

	peer, err := ecdh.P256().NewPublicKey(asPublic)
	if err != nil {
		return nil, fmt.Errorf("aes128gcm: sender key: %w", err)
	}
	shared, err := ua.ECDH(peer)
	if err != nil {
		return nil, err
	}
	// RFC 8291 §3.4: IKM from the ECDH secret, salted with the auth secret.
	keyInfo := "WebPush: info\x00" + string(ua.PublicKey().Bytes()) + string(asPublic)
	ikm, err := hkdf.Key(sha256.New, shared, auth, keyInfo, 32)
	if err != nil {
		return nil, err
	}
	// RFC 8188 §2.2, 2.3: content encryption key and nonce.
	cek, err := hkdf.Key(sha256.New, ikm, salt, "Content-Encoding: aes128gcm\x00", 16)
	if err != nil {
		return nil, err
	}
	nonce, err := hkdf.Key(sha256.New, ikm, salt, "Content-Encoding: nonce\x00", 12)
	if err != nil {
		return nil, err
	}
	block, err := aes.NewCipher(cek)
	if err != nil {
		return nil, err
	}
	gcm, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	// The first record's nonce is NONCE XOR 0, i.e. NONCE itself.
	plain, err := gcm.Open(nil, nonce, record, nil)
	if err != nil {
		return nil, fmt.Errorf("aes128gcm: %w", err)
	}
	// Strip the padding: zeros, then the last-record delimiter 0x02.
	plain = bytes.TrimRight(plain, "\x00")
	if len(plain) == 0 || plain[len(plain)-1] != 0x02 {
		return nil, errors.New("aes128gcm: no last-record delimiter")
	}
	return plain[:len(plain)-1], nil
}
