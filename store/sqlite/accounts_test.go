package sqlite_test

import (
	"testing"

	"github.com/toasoan/toasoan/store/storetest"
)

func TestAccountsSuite(t *testing.T) { storetest.RunAccounts(t, openTemp) }
