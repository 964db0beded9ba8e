-- Reminders of due tasks and follow-ups (CaseReminders): a follow-up, like a task, is reminded once.
ALTER TABLE case_follow_up ADD COLUMN reminded_at TIMESTAMPTZ;

-- What the reminder job looks for: open, not yet reminded, by due date.
CREATE INDEX case_task_unreminded ON case_task (organization_id, due_on) WHERE done_at IS NULL AND reminded_at IS NULL;
CREATE INDEX case_follow_up_unreminded ON case_follow_up (organization_id, due_on)
    WHERE done_on IS NULL AND reminded_at IS NULL;
