-- 007: the date a member became full (转正日期) is optional (SPEC §6): a register that says 正式党员
-- without it is accepted, the member counting as full on every date since joining. A probationary
-- member still has no full_date.
--
-- The CHECK is loosened in place, as SQLite's documentation allows for removing or weakening a
-- CHECK constraint (https://sqlite.org/lang_altertable.html#otheralter): every stored row meets
-- the new one, so the table's content and its indexes stay as they are, and member keeps its
-- rowids, which the history, points, honour and mentor tables refer to. writable_schema = RESET
-- makes this connection read the schema again; the table created and dropped after it bumps the
-- schema cookie, so that other connections read it again too.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
   SET sql = replace(sql, 'CHECK ((status = ''full'') = (full_date IS NOT NULL))',
                     'CHECK (status = ''full'' OR full_date IS NULL)')
 WHERE type = 'table' AND name = 'member';
PRAGMA writable_schema = RESET;
CREATE TABLE migration_007_schema_cookie(x);
DROP TABLE migration_007_schema_cookie;
