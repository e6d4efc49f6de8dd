package sqlite_test

import (
	"testing"

	"github.com/toasoan/toasoan/store/storetest"
)

func TestCommentsSuite(t *testing.T) { storetest.RunComments(t, openTemp) }
