// libFuzzer target: arbitrary bytes through the JSON reader (array or objects, and JSON Lines)
// and RowSource. The first byte picks a read size of 1..32 bytes: reading in such tiny chunks
// must give exactly what 64 KiB chunks give.
#include "fuzz_common.hpp"

#include <hlpb/import/source.hpp>

#include <cstdint>

namespace {

using hlpb::fuzz::check;
using hlpb::fuzz::read_all;
using hlpb::import::detail::ByteStream;
using hlpb::import::detail::make_json_reader;

hlpb::fuzz::MakeReader json(bool lines, const std::string& encoding, std::size_t chunk) {
    return
        [=](std::istream& in) { return make_json_reader(in, "fuzz.json", encoding, lines, chunk); };
}

const std::vector<hlpb::import::Field> k_fields = {
    {"code", "编码", true, {}}, {"name", "名称", false, {"title"}}, {"kind", "类型", false, {}}};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0)
        return 0;
    std::size_t chunk = 1 + data[0] % 32;
    std::string text(reinterpret_cast<const char*>(data + 1), size - 1);

    for (bool lines : {false, true}) {
        auto whole = read_all(text, json(lines, "", ByteStream::k_chunk), lines);
        auto small = read_all(text, json(lines, "", chunk), lines);
        check(whole == small, "tiny reads give the same records");
        read_all(text, json(lines, "gb18030", chunk), lines);
    }

    for (const char* path : {"fuzz.json", "fuzz.jsonl"}) {
        try {
            std::istringstream in(text);
            hlpb::import::RowSource source(in, {path, "", ""}, k_fields);
            hlpb::import::Row row;
            while (source.next(row))
                check(row.values.size() == k_fields.size() && row.raw.size() == k_fields.size(),
                      "a value per field");
        } catch (const hlpb::InvalidInput&) {
        }
    }
    return 0;
}
