# The hand-made scenario of the score cases, on the fixture district (no demo scores): in
# September 2026, cluster P1 (HL-A001 lead, HL-A002, HL-A003; HL-A006 joins on October 1st), P2
# established on September 30th (HL-A004 lead, HL-A005), P3 dissolved on September 15th
# (JT-A001 lead, JT-A002); JT-A003 in no cluster.
. "$FIXTURES/district.sh"
hlpb -q cluster add P1 --name 湖里一片 --committee HL --principle geo --established 2020-01-01 \
    --instructor 张三 --community 华美社区 --lead HL-A001 --orgs HL-A002,HL-A003 &&
    hlpb -q cluster join P1 HL-A006 --on 2026-10-01 &&
    hlpb -q cluster add P2 --name 湖里二片 --committee HL --principle geo \
        --established 2026-09-30 --instructor 李四 --community 金山社区 --lead HL-A004 \
        --orgs HL-A005 &&
    hlpb -q cluster add P3 --name 江头片 --committee JT --principle geo --established 2020-01-01 \
        --instructor 王五 --community 江头社区 --lead JT-A001 --orgs JT-A002 &&
    hlpb -q cluster dissolve P3 --on 2026-09-15
