/**
 * The part of pdfkit (0.20) that native/print uses. pdfkit ships no types and @types/pdfkit
 * lags it; declaring what we call keeps strict mode honest without a second package.
 */
declare module 'pdfkit' {
  interface TextOptions {
    width?: number;
    height?: number;
    align?: 'left' | 'center' | 'right' | 'justify';
    lineBreak?: boolean;
  }
  interface PageMargins {
    top: number;
    bottom: number;
    left: number;
    right: number;
  }
  interface Page {
    width: number;
    height: number;
    margins: PageMargins;
  }
  interface DocumentOptions {
    size?: string;
    layout?: 'portrait' | 'landscape';
    margin?: number;
    bufferPages?: boolean;
    autoFirstPage?: boolean;
    info?: Record<string, string>;
    lang?: string;
    displayTitle?: boolean;
  }
  class PDFDocument {
    constructor(options?: DocumentOptions);
    page: Page;
    x: number;
    y: number;
    registerFont(name: string, src: string): this;
    font(name: string): this;
    fontSize(size: number): this;
    fillColor(color: string): this;
    strokeColor(color: string): this;
    lineWidth(w: number): this;
    text(text: string, options?: TextOptions): this;
    text(text: string, x: number, y: number, options?: TextOptions): this;
    heightOfString(text: string, options?: TextOptions): number;
    widthOfString(text: string): number;
    moveDown(lines?: number): this;
    moveTo(x: number, y: number): this;
    lineTo(x: number, y: number): this;
    rect(x: number, y: number, w: number, h: number): this;
    stroke(): this;
    addPage(): this;
    switchToPage(n: number): this;
    bufferedPageRange(): { start: number; count: number };
    on(event: 'data', fn: (chunk: Buffer) => void): this;
    on(event: 'end', fn: () => void): this;
    on(event: 'error', fn: (e: unknown) => void): this;
    end(): void;
  }
  export default PDFDocument;
  export type { DocumentOptions, TextOptions };
}
