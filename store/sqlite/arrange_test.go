package sqlite_test

import (
	"testing"

	"github.com/toasoan/toasoan/store/storetest"
)

func TestPaperSuite(t *testing.T) { storetest.RunPaper(t, openTemp) }
