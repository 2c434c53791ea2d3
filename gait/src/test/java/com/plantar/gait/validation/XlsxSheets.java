package com.plantar.gait.validation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Reads cell values of an .xlsx workbook with the JDK only (it is zipped XML): shared strings,
 * the workbook's sheet names and each sheet's cells as text keyed by reference ("B2").
 */
final class XlsxSheets {

  private final Map<String, Map<String, String>> sheets = new HashMap<>();

  XlsxSheets(Path file) throws Exception {
    try (ZipFile zip = new ZipFile(file.toFile())) {
      List<String> shared = new ArrayList<>();
      ZipEntry sst = zip.getEntry("xl/sharedStrings.xml");
      if (sst != null) {
        NodeList items = parse(zip, sst).getElementsByTagName("si");
        for (int i = 0; i < items.getLength(); i++) {
          shared.add(items.item(i).getTextContent());
        }
      }
      Map<String, String> targets = new HashMap<>();
      NodeList rels = parse(zip, zip.getEntry("xl/_rels/workbook.xml.rels"))
          .getElementsByTagName("Relationship");
      for (int i = 0; i < rels.getLength(); i++) {
        Element r = (Element) rels.item(i);
        targets.put(r.getAttribute("Id"), r.getAttribute("Target"));
      }
      NodeList sheetList = parse(zip, zip.getEntry("xl/workbook.xml")).getElementsByTagName("sheet");
      for (int i = 0; i < sheetList.getLength(); i++) {
        Element s = (Element) sheetList.item(i);
        String target = targets.get(s.getAttribute("r:id"));
        target = target.startsWith("/") ? target.substring(1) : "xl/" + target;
        Map<String, String> cells = new HashMap<>();
        NodeList cs = parse(zip, zip.getEntry(target)).getElementsByTagName("c");
        for (int k = 0; k < cs.getLength(); k++) {
          Element c = (Element) cs.item(k);
          NodeList v = c.getElementsByTagName("v");
          if (v.getLength() == 0) {
            continue;
          }
          String text = v.item(0).getTextContent();
          if ("s".equals(c.getAttribute("t"))) {
            text = shared.get(Integer.parseInt(text));
          }
          cells.put(c.getAttribute("r"), text);
        }
        sheets.put(s.getAttribute("name"), cells);
      }
    }
  }

  private static Document parse(ZipFile zip, ZipEntry entry) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    try (InputStream in = zip.getInputStream(entry)) {
      return f.newDocumentBuilder().parse(in);
    } catch (IOException e) {
      throw new IOException("cannot read " + entry.getName(), e);
    }
  }

  String cell(String sheet, String ref) {
    Map<String, String> s = sheets.get(sheet);
    return s == null ? null : s.get(ref);
  }

  /** The value in column B of the row whose column A starts with {@code label}. */
  double valueFor(String sheet, String label) {
    Map<String, String> s = sheets.get(sheet);
    for (Map.Entry<String, String> e : s.entrySet()) {
      if (e.getKey().matches("A\\d+") && e.getValue().startsWith(label)) {
        return Double.parseDouble(s.get("B" + e.getKey().substring(1)));
      }
    }
    throw new IllegalArgumentException("no row '" + label + "' in sheet " + sheet);
  }
}
