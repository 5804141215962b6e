export { printCatalog, type CatalogPrintOptions } from './catalog-pdf.js';
export { printStamps, stampCells, type StampOptions } from './stamps-pdf.js';
export { printDestructionRegister, type DestructionSheet } from './destruction-pdf.js';
export { printFonts } from './font.js';
export { printFormSheet, type FormSheet } from './form-sheet-pdf.js';
