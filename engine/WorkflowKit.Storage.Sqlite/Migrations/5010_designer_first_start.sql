-- Progress of the designer's first start, which loads the demo accounts and the sample data: 'loading' from before
-- the first account is created until the sample is loaded, then 'done'. A start that finds 'loading' knows that an
-- earlier first start stopped part-way. One row at most.
CREATE TABLE designer_first_start (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    state TEXT NOT NULL,
    changed_at TEXT NOT NULL
);
