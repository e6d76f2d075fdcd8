// Excel workbooks (.xlsx) from output tables: the member roster (电子花名册) and report sections,
// one sheet per table. Cells keep their type: text stays text (ID numbers never become numbers).
#pragma once

#include <hlpb/output/table.hpp>

#include <string>
#include <vector>

namespace hlpb::out {

struct Sheet {
    std::string name;        // sheet tab name; cut to 31 characters, []:*?/\ replaced by _
    Table table;             // its header row and rows
    std::string lang = "zh"; // header labels and yes/no words: zh (Chinese labels, 是/否) or en
};

// Writes `sheets` (at least one; an empty list gives one empty sheet) to `path`: a bold, frozen
// header row of column labels, then the rows. Strings are text cells, integers and other numbers
// numeric cells, bools 是/否 (yes/no in en), nulls empty. Column widths follow the widest cell
// (CJK counted double). Atomic: written to a temporary file in the same folder, then renamed
// over `path`; on failure nothing is left behind and CannotCreate is thrown. Repeated sheet
// names get " (2)", " (3)"… appended.
void write_xlsx(const std::string& path, const std::vector<Sheet>& sheets);

} // namespace hlpb::out
