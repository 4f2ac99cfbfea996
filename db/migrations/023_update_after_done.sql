-- 023_update_after_done: a completed assignment keeps its completion date (issue 16). An update
-- posted after completion carries the reason the person gave; a correction of the completion
-- date records the date it set (and is audited as assignment.correct_done_date). Before, going
-- back to "in progress" cleared done_date and completing again wrote today, which turned a 2023
-- completion into a late one.
ALTER TABLE task_updates
  ADD COLUMN IF NOT EXISTS after_done_reason VARCHAR(1000) NULL
    COMMENT 'why an update was posted on an assignment already done (required then)',
  ADD COLUMN IF NOT EXISTS corrected_done_date DATE NULL
    COMMENT 'the completion date this update set, when it is a correction';
