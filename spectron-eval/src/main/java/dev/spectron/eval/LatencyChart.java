package dev.spectron.eval;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Draws recall latency against store size (p50, p95, p99 and the query-embedding baseline) as a
 * PNG, with Java2D only, so a benchmark run leaves a picture beside its numbers.
 */
final class LatencyChart {
    private static final int W = 900;
    private static final int H = 520;
    private static final int LEFT = 80;
    private static final int RIGHT = 30;
    private static final int TOP = 50;
    private static final int BOTTOM = 70;

    private LatencyChart() {}

    static void write(List<Map<String, Object>> rows, Path file) throws IOException {
        BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        double max = 1;
        for (Map<String, Object> row : rows) {
            max = Math.max(max, number(row, "recallP99Ms"));
        }
        max = Math.ceil(max / 5) * 5;
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString("Recall latency over HTTP by stored turns (ms)", LEFT, 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        int plotW = W - LEFT - RIGHT;
        int plotH = H - TOP - BOTTOM;
        g.setColor(new Color(0xDDDDDD));
        for (int i = 0; i <= 5; i++) {
            int y = TOP + plotH - i * plotH / 5;
            g.drawLine(LEFT, y, LEFT + plotW, y);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format("%.0f", max * i / 5), LEFT - 35, y + 4);
            g.setColor(new Color(0xDDDDDD));
        }
        String[][] series = {{"recallP50Ms", "recall p50"}, {"recallP95Ms", "recall p95"},
            {"recallP99Ms", "recall p99"}, {"embedQueryP50Ms", "query embedding p50"}};
        Color[] colors = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0xd62728),
            new Color(0x2ca02c)};
        int n = rows.size();
        for (int s = 0; s < series.length; s++) {
            g.setColor(colors[s]);
            g.setStroke(new BasicStroke(s == 3 ? 2f : 3f, BasicStroke.CAP_ROUND,
                    BasicStroke.JOIN_ROUND, 10f, s == 3 ? new float[] {6f, 6f} : null, 0f));
            int px = -1;
            int py = -1;
            for (int i = 0; i < n; i++) {
                int x = LEFT + (n == 1 ? plotW / 2 : i * plotW / (n - 1));
                int y = TOP + plotH - (int) (number(rows.get(i), series[s][0]) / max * plotH);
                g.fillOval(x - 4, y - 4, 8, 8);
                if (px >= 0) {
                    g.drawLine(px, py, x, y);
                }
                px = x;
                py = y;
            }
            g.drawString(series[s][1], LEFT + 10 + s * 170, H - 20);
        }
        g.setColor(Color.DARK_GRAY);
        for (int i = 0; i < n; i++) {
            int x = LEFT + (n == 1 ? plotW / 2 : i * plotW / (n - 1));
            g.drawString(String.format("%,d", (long) number(rows.get(i), "storedTurns")),
                    x - 20, TOP + plotH + 20);
        }
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private static double number(Map<String, Object> row, String key) {
        return ((Number) row.get(key)).doubleValue();
    }
}
