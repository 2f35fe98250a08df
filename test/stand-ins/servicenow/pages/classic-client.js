// Page script of the stand-in classic form. html.ts serves it inline as
// `(function (DATA) { 'use strict'; … })({table, sysId, display, fields})`. It defines the
// minimal `window.g_form` the research names (§2.2): getTableName, getUniqueValue, getValue,
// getDisplayValue. Values are the record's own; nothing here touches the DOM.
const fields = DATA.fields;
const own = (name) => Object.prototype.hasOwnProperty.call(fields, name);
window.g_form = {
  getTableName: () => DATA.table,
  getUniqueValue: () => DATA.sysId,
  getValue: (name) => (own(name) ? fields[name].value : ''),
  // No argument: the record's display value (its number); with a field: that field's display value.
  getDisplayValue: (name) => (name === undefined ? DATA.display : own(name) ? fields[name].display_value : ''),
};
