package push

import (
	"bytes"
	"crypto/ecdh"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// KeyFileName is the file, in the data directory, that holds the VAPID keys.
const KeyFileName = "vapid.json"

// Keys is a VAPID key pair on P-256: the public key is the 65-byte
// uncompressed point, the private key the 32-byte scalar, both in URL-safe
// base64 without padding (what browsers' applicationServerKey and webpush-go
// expect).
type Keys struct {
	PublicKey  string    `json:"publicKey"`
	PrivateKey string    `json:"privateKey"`
	Created    time.Time `json:"created"`
}

// GenerateKeys makes a new key pair.
func GenerateKeys() (Keys, error) {
	priv, err := ecdh.P256().GenerateKey(rand.Reader)
	if err != nil {
		return Keys{}, err
	}
	return Keys{
		PublicKey:  base64.RawURLEncoding.EncodeToString(priv.PublicKey().Bytes()),
		PrivateKey: base64.RawURLEncoding.EncodeToString(priv.Bytes()),
		Created:    time.Now().UTC().Truncate(time.Second),
	}, nil
}

// Validate checks that both keys decode and belong together.
func (k Keys) Validate() error {
	pub, err := base64.RawURLEncoding.DecodeString(k.PublicKey)
	if err != nil {
		return fmt.Errorf("vapid public key: %w", err)
	}
	privBytes, err := base64.RawURLEncoding.DecodeString(k.PrivateKey)
	if err != nil {
		return fmt.Errorf("vapid private key: %w", err)
	}
	priv, err := ecdh.P256().NewPrivateKey(privBytes)
	if err != nil {
		return fmt.Errorf("vapid private key: %w", err)
	}
	if !bytes.Equal(priv.PublicKey().Bytes(), pub) {
		return errors.New("vapid keys: the public key does not belong to the private key")
	}
	return nil
}

// LoadKeys reads the keys of dir. A key file readable by others than its
// owner is made private again (0600).
func LoadKeys(dir string) (Keys, error) {
	path := filepath.Join(dir, KeyFileName)
	data, err := os.ReadFile(path)
	if err != nil {
		return Keys{}, err
	}
	var k Keys
	if err := json.Unmarshal(data, &k); err != nil {
		return Keys{}, fmt.Errorf("%s: %w", path, err)
	}
	if err := k.Validate(); err != nil {
		return Keys{}, fmt.Errorf("%s: %w", path, err)
	}
	if info, err := os.Stat(path); err == nil && info.Mode().Perm()&0o077 != 0 {
		if err := os.Chmod(path, 0o600); err != nil {
			return Keys{}, err
		}
	}
	return k, nil
}

// WriteKeys stores k in dir, readable by its owner only. The file is replaced
// atomically, so a crash never leaves half a key.
func WriteKeys(dir string, k Keys) error {
	if err := k.Validate(); err != nil {
		return err
	}
	data, err := json.MarshalIndent(k, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, KeyFileName+".*.tmp") // created with mode 0600
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(append(data, '\n')); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), filepath.Join(dir, KeyFileName))
}

// LoadOrCreateKeys returns the keys of dir, making and storing new ones when
// there are none yet (created is then true).
func LoadOrCreateKeys(dir string) (k Keys, created bool, err error) {
	k, err = LoadKeys(dir)
	if err == nil || !errors.Is(err, fs.ErrNotExist) {
		return k, false, err
	}
	if k, err = GenerateKeys(); err != nil {
		return Keys{}, false, err
	}
	return k, true, WriteKeys(dir, k)
}

// KeyStore hands out the keys of a directory and notices when the file
// changes (amem push rotate-keys run beside a running server), so the server
// never signs with a key the browsers no longer have.
type KeyStore struct {
	dir   string
	mu    sync.Mutex
	keys  Keys
	stamp fileStamp
}

type fileStamp struct {
	modTime time.Time
	size    int64
}

// OpenKeyStore loads the keys of dir, making them on first use.
func OpenKeyStore(dir string) (*KeyStore, error) {
	if _, _, err := LoadOrCreateKeys(dir); err != nil {
		return nil, err
	}
	s := &KeyStore{dir: dir}
	_, err := s.Keys()
	return s, err
}

// Keys returns the current keys, re-reading the file when it changed.
func (s *KeyStore) Keys() (Keys, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	info, err := os.Stat(filepath.Join(s.dir, KeyFileName))
	if err != nil {
		return Keys{}, err
	}
	stamp := fileStamp{info.ModTime(), info.Size()}
	if stamp == s.stamp && s.keys.PublicKey != "" {
		return s.keys, nil
	}
	k, err := LoadKeys(s.dir)
	if err != nil {
		return Keys{}, err
	}
	s.keys, s.stamp = k, stamp
	return k, nil
}
