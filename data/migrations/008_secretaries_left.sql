-- 008: the secretaries who left, by the day they left. The monthly report's outcomes (the
-- secretary terms that touch the month) read the open terms through member_secretary and the
-- ended ones through this index, instead of scanning the whole member table (4,435 rows and
-- 112 KB at --scale 100 against 640,100 members). The bulk member import drops and rebuilds it
-- with the other member indexes (lib/src/db/member_repo.cpp).
CREATE INDEX member_secretary_left ON member(left_on) WHERE role = 'secretary' AND left_on IS NOT NULL;
