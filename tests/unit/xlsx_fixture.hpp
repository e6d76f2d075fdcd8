// What the xlsx tests share: reading a workbook's parts back (a tiny zip reader over zlib) and a
// cell's number format; a hand-made monthly report Document with every kind of column.
#pragma once

#include <hlpb/report/document.hpp>

#include <doctest/doctest.h>
#include <zlib.h>

#include <cstdint>
#include <fstream>
#include <iterator>
#include <map>
#include <string>

namespace hlpb::test {

inline std::string read_all(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The little-endian number of `bytes` bytes at `at`.
inline std::uint32_t le(const std::string& s, std::size_t at, int bytes) {
    std::uint32_t v = 0;
    for (int i = bytes - 1; i >= 0; --i)
        v = (v << 8) | static_cast<unsigned char>(s.at(at + static_cast<std::size_t>(i)));
    return v;
}

// The parts of a zip file by name, inflated: walks the local file headers, which is enough for
// what libxlsxwriter writes (sizes in the local headers, no data descriptors).
inline std::map<std::string, std::string> unzip(const std::string& zip) {
    std::map<std::string, std::string> parts;
    std::size_t at = 0;
    while (at + 30 <= zip.size() && le(zip, at, 4) == 0x04034b50) {
        const auto method = le(zip, at + 8, 2);
        const auto compressed = le(zip, at + 18, 4);
        const auto size = le(zip, at + 22, 4);
        const auto name_len = le(zip, at + 26, 2);
        const auto extra_len = le(zip, at + 28, 2);
        const std::string name = zip.substr(at + 30, name_len);
        const std::size_t data = at + 30 + name_len + extra_len;
        REQUIRE(data + compressed <= zip.size());
        std::string content;
        if (method == 0) {
            content = zip.substr(data, compressed);
        } else {
            REQUIRE(method == 8); // deflate
            content.resize(size);
            z_stream z{};
            REQUIRE(inflateInit2(&z, -MAX_WBITS) == Z_OK);
            z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(zip.data() + data));
            z.avail_in = compressed;
            z.next_out = reinterpret_cast<Bytef*>(content.data());
            z.avail_out = size;
            const int rc = inflate(&z, Z_FINISH);
            inflateEnd(&z);
            REQUIRE(rc == Z_STREAM_END);
        }
        parts[name] = content;
        at = data + compressed;
    }
    return parts;
}

// The value of attribute `name` in the first tag of `xml` at or after `at`, or "".
inline std::string attribute(const std::string& xml, std::size_t at, const std::string& name) {
    const std::size_t end = xml.find('>', at);
    const std::size_t found = xml.find(" " + name + "=\"", at);
    if (found == std::string::npos || found > end)
        return {};
    const std::size_t start = found + name.size() + 3;
    return xml.substr(start, xml.find('"', start) - start);
}

// The `<c …>…</c>` element of cell `ref` (e.g. "B3") in a sheet's XML, or "" when there is none.
inline std::string cell_xml(const std::string& sheet, const std::string& ref) {
    const std::size_t at = sheet.find("<c r=\"" + ref + "\"");
    if (at == std::string::npos)
        return {};
    const std::size_t self_closed = sheet.find("/>", at);
    const std::size_t closed = sheet.find("</c>", at);
    const std::size_t tag_end = sheet.find('>', at);
    if (self_closed != std::string::npos && self_closed + 1 == tag_end)
        return sheet.substr(at, tag_end + 1 - at);
    return sheet.substr(at, closed + 4 - at);
}

// The number format code of cell `ref` ("General" when it has none), looked up through its style
// in styles.xml (built-in formats by their id).
inline std::string number_format(const std::map<std::string, std::string>& parts,
                                 const std::string& sheet, const std::string& ref) {
    const std::string cell = cell_xml(sheet, ref);
    REQUIRE_MESSAGE(!cell.empty(), ref);
    const std::string style = attribute(cell, 0, "s");
    if (style.empty())
        return "General";
    const std::string& styles = parts.at("xl/styles.xml");
    std::size_t at = styles.find("<cellXfs");
    REQUIRE(at != std::string::npos);
    for (int i = 0; i <= std::stoi(style); ++i)
        at = styles.find("<xf ", at + 1);
    const std::string id = attribute(styles, at, "numFmtId");
    static const std::map<std::string, std::string> builtin{
        {"0", "General"}, {"1", "0"}, {"2", "0.00"}, {"9", "0%"}, {"10", "0.00%"}, {"49", "@"}};
    if (builtin.count(id) > 0)
        return builtin.at(id);
    const std::size_t custom = styles.find("<numFmt numFmtId=\"" + id + "\"");
    REQUIRE_MESSAGE(custom != std::string::npos, id);
    return attribute(styles, custom, "formatCode");
}

// A monthly report as the document builder makes one, by hand: every CellKind, a code with a
// leading zero, an 18-digit ID-like code, a long text that wraps, a table without rows, a title
// with characters a sheet name may not hold and a heading longer than a sheet name.
inline report::Document sample_document(report::Lang lang = report::Lang::zh) {
    using report::CellKind;
    using report::Document;
    Document doc;
    doc.lang = lang;
    doc.title = "湖里区“两新”组织“1+X”联建片 2026年10月工作月报";
    doc.subtitle = "湖里区委组织部（两新工委） · 数据截至 2026-10-31 · 生成于 2026-11-01 02:00";
    doc.file_stem = "hlpb-monthly-2026-10";

    report::Section coverage;
    coverage.key = "coverage";
    coverage.heading = "一、总体情况";
    coverage.counts = "统计口径：本月末在册的“两新”党组织和党员；联建片以本月末在运行的为准。";
    coverage.paragraphs = {
        "本月，全区共有“两新”党组织 641 个、党员 6337 名，分别占全区党组织总数的 43.2%、党员总数的 "
        "33.0%。全区 9 个两新组织党委共组建“1+X”联建片 74 个（地域相邻 56 个，行业相近、产业相连 "
        "18 个），覆盖“两新”党组织 598 个，覆盖率 93.3%。",
        "与上月相比，入片党组织增加 3 个，党员增加 21 名。"};
    report::DocTable by_committee;
    by_committee.key = "coverage";
    by_committee.columns = {{"committee_code", "党委编码", CellKind::code},
                            {"committee", "党委", CellKind::text},
                            {"clusters", "联建片", CellKind::integer},
                            {"members", "党员", CellKind::integer},
                            {"members_delta", "较上月", CellKind::delta},
                            {"cluster_coverage", "覆盖率", CellKind::percent}};
    by_committee.rows = {{"000123", "湖里街道两新组织综合党委", 12, 1021, 5, 0.932},
                         {"000124", "金山街道两新组织综合党委", 9, 874, -2, 0.5},
                         {"000125", "殿前街道两新组织综合党委", 7, 610, 0, nullptr}};
    coverage.tables.push_back(by_committee);
    doc.sections.push_back(coverage);

    report::Section compliance;
    compliance.key = "compliance";
    compliance.heading = "二、制度落实情况";
    compliance.counts = "统计口径：本月应开书记例会的联建片。";
    compliance.paragraphs = {"书记例会：应开 74 个联建片，已开 69 个，未开 5 个。"};
    report::DocTable missed;
    missed.key = "compliance";
    missed.title = "附表2 制度落实明细 [未开]/待办";
    missed.columns = {{"cluster_code", "联建片编码", CellKind::code},
                      {"lead_id", "牵头书记身份证号", CellKind::code},
                      {"rule", "制度", CellKind::text},
                      {"deadline", "截止日期", CellKind::date},
                      {"note", "说明", CellKind::text}};
    missed.rows = {
        {"HL-007", "350206198503120014", "书记例会", "2026-10-31",
         "联建片牵头单位本月因办公场所搬迁未能按时组织书记例会，已约定于下月上旬补开，并由街道两新"
         "组织综合党委跟踪督办，补开后报送会议记录和签到表。"},
        {"HL-012", 350206199001010000LL, "主题党日", "2026-12-31", nullptr}};
    compliance.tables.push_back(missed);
    doc.sections.push_back(compliance);

    report::Section subsidies;
    subsidies.key = "subsidies";
    subsidies.heading = "四、经费保障";
    subsidies.paragraphs = {"书记通讯补贴：70 名书记 × 300 元 = 21000 元。"};
    report::DocTable money;
    money.key = "subsidies";
    money.title = "附表4 补贴明细（按两新组织党委统计的书记通讯补贴和党员活动经费）";
    money.columns = {{"committee", "党委", CellKind::text},
                     {"secretary_total", "书记通讯补贴（元）", CellKind::money},
                     {"member_month_total", "党员活动经费（元）", CellKind::money}};
    money.rows = {{"湖里街道两新组织综合党委", 3600, 8508.33},
                  {"金山街道两新组织综合党委", 2700.5, 7283.34}};
    subsidies.tables.push_back(money);
    doc.sections.push_back(subsidies);

    report::Section problems;
    problems.key = "problems";
    problems.heading = "六、部长会客厅问题办理";
    problems.paragraphs = {"本月无超过 30 天未办结的问题。"};
    report::DocTable open;
    open.key = "problems";
    open.columns = {{"title", "问题", CellKind::text}, {"opened", "提出日期", CellKind::date}};
    open.empty_note = "本月无超过 30 天未办结的问题。";
    problems.tables.push_back(open);
    doc.sections.push_back(problems);
    return doc;
}

} // namespace hlpb::test
