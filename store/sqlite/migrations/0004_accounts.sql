-- Staff accounts, sessions and login throttling (issue: the newsroom). Filled in by the accounts work.
SELECT 1;
