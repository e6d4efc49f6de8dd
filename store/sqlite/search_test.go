package sqlite_test

import (
	"testing"

	"github.com/toasoan/toasoan/store/storetest"
)

func TestSearchSuite(t *testing.T) { storetest.RunSearch(t, openTemp) }
