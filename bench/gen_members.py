#!/usr/bin/env python3
"""Writes a member CSV for benchmarks: N rows of valid, distinct members over the orgs of a
`hlpb db demo --scale 100` database (codes read from it), one secretary per org.

usage: gen_members.py DB N OUT.csv [SHAPE]
  SHAPE  wide (default): the template's 14 columns, about 141 bytes a row;
         narrow: 8 columns (id_number,name,join_date,status,full_date,org,role,phone), about
         82 bytes a row: the same members, the other fields left to their defaults.
"""
import sqlite3
import sys

W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CHECK = "10X98765432"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彩春菊兰凤洁梅琳素云莲真环雪荣爱妹霞香月莺媛艳瑞凡佳嘉琼勤珍贞莉桂娣叶璧璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓纨仪荷丹蓉眉君琴蕊薇菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣飘育滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜可姬舒影荔枝思丽"
EDU = ["本科", "大专", "硕士研究生", "高中", "中专"]


def idn(birth, seq):
    first = "350206" + birth + f"{seq:03d}"
    return first + CHECK[sum(int(c) * w for c, w in zip(first, W)) % 11]


def main():
    db, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    shape = sys.argv[4] if len(sys.argv) > 4 else "wide"
    if shape not in ("wide", "narrow"):
        sys.exit("SHAPE is wide or narrow, not " + shape)
    orgs = [r[0] for r in sqlite3.connect(db).execute(
        "SELECT code FROM org WHERE closed IS NULL AND (founded IS NULL OR founded <= '2010-01-01') ORDER BY code")]
    if not orgs:
        sys.exit("no orgs founded by 2010 in " + db)
    with open(out, "w", encoding="utf-8", newline="") as f:
        if shape == "wide":
            f.write("id_number,name,gender,birth_date,ethnicity,education,join_date,status,"
                    "full_date,org,org_since,role,role_since,phone\n")
        else:
            f.write("id_number,name,join_date,status,full_date,org,role,phone\n")
        seq_space = 1000
        for k in range(n):
            day = k // seq_space
            seq = k % seq_space
            year = 1950 + (day // 336) % 54
            month = 1 + (day // 28) % 12
            dom = 1 + day % 28
            birth = f"{year:04d}{month:02d}{dom:02d}"
            member = idn(birth, seq)
            gender = "male" if seq % 2 == 1 else "female"
            join_year = year + 22 + k % 10
            if join_year > 2024:
                join_year = 2024
            join = f"{join_year:04d}-{month:02d}-{dom:02d}"
            full = f"{join_year + 1:04d}-{month:02d}-{dom:02d}"
            org = orgs[k % len(orgs)]
            role = "secretary" if k < len(orgs) else "member"
            since = max(join, "2010-01-01")
            name = SURNAMES[k % len(SURNAMES)] + GIVEN[(k * 7) % len(GIVEN)] + GIVEN[(k * 13) % len(GIVEN)]
            phone = f"13{k % 10}{k:08d}"
            if shape == "wide":
                f.write(f"{member},{name},{gender},{year:04d}-{month:02d}-{dom:02d},汉族,"
                        f"{EDU[k % len(EDU)]},{join},full,{full},{org},{since},{role},{since},"
                        f"{phone}\n")
            else:
                f.write(f"{member},{name},{join},full,{full},{org},{role},{phone}\n")


if __name__ == "__main__":
    main()
