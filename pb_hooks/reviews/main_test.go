package reviews_test

import (
	"testing"

	"amem/pb_hooks/testapp"
	_ "amem/pb_hooks/testapp/bound" // test apps bound as main binds them
)

func TestMain(m *testing.M) { testapp.Main(m) }
