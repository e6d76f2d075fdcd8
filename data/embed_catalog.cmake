# Writes OUT: a C++ file holding the compiled message catalog MO (msgfmt's binary .mo) as bytes,
# read by lib/src/i18n.cpp.
file(READ ${MO} hex HEX)
string(LENGTH "${hex}" hex_len)
math(EXPR size "${hex_len} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
string(REGEX REPLACE "((0x..,){32})" "\\1\n" bytes "${bytes}")
set(body "// Generated from po/*.po by msgfmt and data/embed_catalog.cmake. Do not edit.\n")
string(APPEND body "#include <cstddef>\n\nnamespace hlpb::i18n::detail {\n")
string(APPEND body "alignas(4) extern const unsigned char k_catalog_zh[] = {\n${bytes}0};\n")
string(APPEND body "extern const std::size_t k_catalog_zh_size = ${size};\n")
string(APPEND body "} // namespace hlpb::i18n::detail\n")
file(WRITE ${OUT} "${body}")
