// Excel workbooks (.xlsx) from output tables: the member roster (电子花名册) and report sections,
// one sheet per table. Cells keep their type: text stays text (ID numbers never become numbers).
#pragma once

#include <hlpb/output/table.hpp>
#include <hlpb/util/atomic_file.hpp>

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
// (CJK counted double). Written as a util::AtomicFile (refusing the files `guard` protects): on
// failure nothing is left behind and CannotCreate or IoError is thrown. Repeated sheet names get
// " (2)", " (3)"… appended.
void write_xlsx(const std::string& path, const std::vector<Sheet>& sheets,
                const util::OutputGuard& guard = util::OutputGuard());

} // namespace hlpb::out
