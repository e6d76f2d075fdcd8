// libFuzzer target: arbitrary bytes through the CSV record reader (as UTF-8 and as GB18030)
// and RowSource. The first byte picks a read size of 1..32 bytes: reading in such tiny chunks
// must give exactly what 64 KiB chunks give. Records written back with quotes must read back
// the same.
#include "fuzz_common.hpp"

#include <hlpb/import/source.hpp>

#include <cstdint>

namespace {

using hlpb::fuzz::check;
using hlpb::fuzz::read_all;
using hlpb::import::detail::ByteStream;
using hlpb::import::detail::make_csv_reader;

hlpb::fuzz::MakeReader csv(const std::string& encoding, std::size_t chunk) {
    return [=](std::istream& in) { return make_csv_reader(in, "fuzz.csv", encoding, chunk); };
}

std::string write_back(const std::vector<std::vector<std::string>>& records) {
    std::string out;
    for (const auto& record : records) {
        for (std::size_t i = 0; i < record.size(); ++i) {
            if (i > 0)
                out += ',';
            out += '"';
            for (char c : record[i]) {
                if (c == '"')
                    out += '"';
                out += c;
            }
            out += '"';
        }
        out += "\r\n";
    }
    return out;
}

const std::vector<hlpb::import::Field> k_fields = {
    {"code", "编码", true, {}}, {"name", "名称", false, {"title"}}, {"kind", "类型", false, {}}};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0)
        return 0;
    std::size_t chunk = 1 + data[0] % 32;
    std::string text(reinterpret_cast<const char*>(data + 1), size - 1);

    auto whole = read_all(text, csv("", ByteStream::k_chunk), true);
    auto small = read_all(text, csv("", chunk), true);
    check(whole == small, "tiny reads give the same records");
    if (whole.error.empty()) {
        auto back = read_all(write_back(whole.records), csv("", ByteStream::k_chunk), true);
        check(back.error.empty() && back.records == whole.records, "quoted round trip");
    }
    read_all(text, csv("gb18030", ByteStream::k_chunk), true);
    read_all(text, csv("gb18030", chunk), true);

    try {
        std::istringstream in(text);
        hlpb::import::RowSource source(in, {"fuzz.csv", "", ""}, k_fields);
        hlpb::import::Row row;
        while (source.next(row))
            check(row.values.size() == k_fields.size(), "a value per field");
    } catch (const hlpb::InvalidInput&) {
    }
    return 0;
}
