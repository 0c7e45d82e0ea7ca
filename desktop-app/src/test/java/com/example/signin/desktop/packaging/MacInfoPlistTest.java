package com.example.signin.desktop.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** The macOS bundle's Info.plist (built only on a Mac) declares the scheme for the open-URI events. */
class MacInfoPlistTest {

    @Test
    void theInfoPlistDeclaresTheUrlSchemeAndTheLauncher() throws Exception {
        String text = Files.readString(Path.of("src/packaging/macos/Info.plist"), StandardCharsets.UTF_8)
                .replace("@SCHEME@", "org.example.test").replace("@PACKAGE@", "magic-link-signin")
                .replace("@VERSION@", "1.2.3").replace("@VENDOR@", "Example");
        assertThat(text).doesNotContain("@");
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Element dict = (Element) factory.newDocumentBuilder().parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))
                .getDocumentElement().getElementsByTagName("dict").item(0);

        Map<String, Element> top = entries(dict);
        assertThat(top.get("CFBundleExecutable").getTextContent()).isEqualTo("magic-link-signin");
        assertThat(top.get("CFBundlePackageType").getTextContent()).isEqualTo("APPL");
        assertThat(top.get("CFBundleShortVersionString").getTextContent()).isEqualTo("1.2.3");
        Element urlTypes = top.get("CFBundleURLTypes");
        assertThat(urlTypes.getTagName()).isEqualTo("array");
        Element urlType = children(urlTypes).get(0);
        Map<String, Element> type = entries(urlType);
        assertThat(children(type.get("CFBundleURLSchemes"))).extracting(Node::getTextContent).containsExactly("org.example.test");
        assertThat(type.get("CFBundleTypeRole").getTextContent()).isEqualTo("Viewer");
    }

    /** A plist dict's key/value pairs. */
    private static Map<String, Element> entries(Element dict) {
        Map<String, Element> map = new LinkedHashMap<>();
        List<Element> children = children(dict);
        for (int i = 0; i + 1 < children.size(); i += 2) {
            assertThat(children.get(i).getTagName()).isEqualTo("key");
            map.put(children.get(i).getTextContent(), children.get(i + 1));
        }
        return map;
    }

    private static List<Element> children(Element parent) {
        List<Element> list = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                list.add(e);
            }
        }
        return list;
    }
}
