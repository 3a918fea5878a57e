import BackpropIO

/// A grid of images with a caption under each: the course's "mislabeled images" figure
/// (each test picture the network got wrong, captioned with its predicted and true class).
///
///     let grid = ImageGrid.mislabeled(images: testImages, predicted: p, actual: y, classNames: ["non-cat", "cat"])
///     try grid.write(to: "mislabeled.png")
///
/// Images are scaled to fit their cell keeping their aspect ratio, by a whole factor when they fit
/// at least once (so 64 × 64 thumbnails stay crisp), with nearest-neighbour sampling.
public struct ImageGrid: Chart {
    /// One image and its caption.
    public struct Cell: Sendable {
        /// The picture.
        public var image: Image
        /// Caption under it; "\n" separates lines.
        public var caption: String
        /// Caption colour.
        public var captionColor: PlotColor

        /// Creates a cell.
        public init(image: Image, caption: String = "", captionColor: PlotColor = .darkGray) {
            self.image = image
            self.caption = caption
            self.captionColor = captionColor
        }
    }

    /// Text above the grid ("" for none).
    public var title: String
    /// The cells, filled row by row.
    public var cells: [Cell]
    /// Cells per row.
    public var columns: Int

    /// Creates a grid; `columns` defaults to up to 5 per row.
    public init(title: String = "", cells: [Cell], columns: Int? = nil) {
        self.title = title
        self.cells = cells
        self.columns = max(1, columns ?? min(5, max(1, cells.count)))
    }

    /// The mislabelled examples: every index where `predicted[i] != actual[i]` (at most `limit`),
    /// captioned "pred: <name>" / "true: <name>" in red.
    /// - Precondition: the three arrays have equal counts.
    public static func mislabeled(images: [Image], predicted: [Int], actual: [Int], classNames: [String] = [],
                                  limit: Int = 20, title: String = "Mislabeled images") -> ImageGrid {
        precondition(images.count == predicted.count && predicted.count == actual.count,
                     "ImageGrid.mislabeled: \(images.count) images, \(predicted.count) predictions, \(actual.count) labels")
        func name(_ c: Int) -> String { c >= 0 && c < classNames.count ? classNames[c] : "\(c)" }
        let cells = images.indices.filter { predicted[$0] != actual[$0] }.prefix(limit).map { i in
            Cell(image: images[i], caption: "pred: \(name(predicted[i]))\ntrue: \(name(actual[i]))", captionColor: PlotColor(hex: 0xb00000))
        }
        return ImageGrid(title: title, cells: Array(cells), columns: nil)
    }

    var rows: Int { max(1, (cells.count + columns - 1) / columns) }
    var captionLines: Int { cells.map { $0.caption.split(separator: "\n", omittingEmptySubsequences: false).count }.max() ?? 0 }
    var widestCaption: Double {
        cells.flatMap { $0.caption.split(separator: "\n").map { BitmapFont.width(of: String($0)) } }.max() ?? 0
    }
    var largestImage: (width: Int, height: Int) {
        (cells.map(\.image.width).max() ?? 64, cells.map(\.image.height).max() ?? 64)
    }

    /// Cells sized for the images at 2× (or the widest caption at scale 1), plus title and padding.
    public var defaultWidth: Int {
        let cell = max(2 * largestImage.width, Int(widestCaption.rounded(.up)) + 8)
        return columns * cell + (columns - 1) * 12 + 2 * 12
    }

    /// See ``defaultWidth``.
    public var defaultHeight: Int {
        let cell = 2 * largestImage.height + captionLines * BitmapFont.lineHeight + 8
        let titleHeight = title.isEmpty ? 0 : BitmapFont.lineHeight * 2 + 8
        return rows * cell + (rows - 1) * 12 + 2 * 12 + titleHeight
    }

    /// 1: the default size already shows the images at 2×.
    public var defaultPNGScale: Double { 1 }

    /// The grid laid out in `width × height`.
    public func drawing(width: Int, height: Int) -> Drawing {
        var drawing = Drawing(width: width, height: height)
        let gap = 12.0, pad = 12.0
        let cellWidth = max(1, (Double(width) - 2 * pad - Double(columns - 1) * gap) / Double(columns))
        // Caption scale: the largest (≤ 2) at which the widest caption still fits its cell.
        var scale = 1.0
        if widestCaption > 0 && 2 * widestCaption <= cellWidth && height >= 2 * defaultHeight { scale = 2 }
        let titleScale = scale + 1
        var top = pad
        if !title.isEmpty {
            let used = drawTitle(title, into: &drawing, centeredOn: Double(width) / 2, width: width, scale: titleScale, padding: pad)
            top += Double(BitmapFont.lineHeight) * used + 8
        }
        let captionHeight = Double(captionLines * BitmapFont.lineHeight) * scale + (captionLines > 0 ? 6 : 0)
        let cellHeight = max(1, (Double(height) - top - pad - Double(rows - 1) * gap) / Double(rows))
        let imageBox = (width: cellWidth, height: max(1, cellHeight - captionHeight))
        for (index, cell) in cells.enumerated() {
            let column = index % columns, row = index / columns
            let cellX = pad + Double(column) * (cellWidth + gap)
            let cellY = top + Double(row) * (cellHeight + gap)
            let iw = Double(cell.image.width), ih = Double(cell.image.height)
            var fit = min(imageBox.width / iw, imageBox.height / ih)
            if fit >= 1 { fit = fit.rounded(.down) }
            let w = iw * fit, h = ih * fit
            let rect = PlotRect(x: (cellX + (cellWidth - w) / 2).rounded(), y: (cellY + (imageBox.height - h) / 2).rounded(), width: w, height: h)
            drawing.append(.image(cell.image, rect: rect))
            drawing.append(.strokedRect(rect.insetBy(-0.5), stroke: PlotColor(hex: 0xcccccc), lineWidth: 1))
            let lines = cell.caption.split(separator: "\n", omittingEmptySubsequences: false)
            for (k, line) in lines.enumerated() where !line.isEmpty {
                let baseline = rect.maxY + 6 + Double(BitmapFont.ascent) * scale + Double(k * BitmapFont.lineHeight) * scale
                drawing.text(String(line), at: PlotPoint(x: (cellX + cellWidth / 2).rounded(), y: baseline),
                             scale: scale, color: cell.captionColor, anchor: .middle)
            }
        }
        return drawing
    }
}
