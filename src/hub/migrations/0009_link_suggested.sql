-- A link made with one click from the app's suggestion and not checked by an officer since
-- (the app's `suggested`): every device shows it as such, and the printed plan asks to check it
-- instead of counting it as evidence in hand. A link from an older app is an officer's own.
alter table links add column suggested boolean not null default false;
