package crack

import (
	"crypto/des"
	"math/rand/v2"
	"testing"
)

// The table DES equals crypto/des: the full cipher (initial permutation,
// rounds, final permutation) on random keys and blocks.
func TestTableDESMatchesCryptoDES(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		key := make([]byte, 8)
		block := make([]byte, 8)
		for i := range key {
			key[i], block[i] = byte(rng.Uint32()), byte(rng.Uint32())
		}
		c, _ := des.NewCipher(key)
		want := make([]byte, 8)
		c.Encrypt(want, block)
		desTables()
		ks := desKeySchedule(key)
		ip := permute(be64(block), 64, desIP[:])
		pre := desRounds(uint32(ip>>32), uint32(ip), &ks)
		if pre != permute(be64(want), 64, desIP[:]) {
			t.Fatalf("key %x block %x: differs from crypto/des", key, block)
		}
	}
}
