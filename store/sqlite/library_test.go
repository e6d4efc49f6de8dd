package sqlite_test

import (
	"testing"

	"github.com/toasoan/toasoan/store/storetest"
)

func TestLibrarySuite(t *testing.T) { storetest.RunLibrary(t, openTemp) }
