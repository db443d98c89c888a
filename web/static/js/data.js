// The data and editor components: dataframe, code, checkboxgroup,
// colorpicker, datetime and html. Each module registers its types.

import "./table.js";
import "./code.js";
import "./pickers.js";
import "./html.js";
