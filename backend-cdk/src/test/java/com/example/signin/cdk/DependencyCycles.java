package com.example.signin.cdk;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the dependency cycles CloudFormation would refuse ("Circular dependency between
 * resources"), which no template assertion can express: edges are {@code Ref}, {@code Fn::GetAtt},
 * {@code Fn::Sub} references and {@code DependsOn}. The pool/trigger/policy cycle is the known trap.
 */
final class DependencyCycles {

    private static final Pattern SUB_REFERENCE = Pattern.compile("\\$\\{([A-Za-z0-9]+)[.}]");

    private DependencyCycles() {
    }

    /** Each cycle as a list of logical ids; empty when the template can be deployed in some order. */
    static List<List<String>> find(Map<String, Object> template) {
        @SuppressWarnings("unchecked")
        Map<String, Object> resources = (Map<String, Object>) template.get("Resources");
        Map<String, Set<String>> edges = new HashMap<>();
        for (Map.Entry<String, Object> e : resources.entrySet()) {
            Set<String> targets = new LinkedHashSet<>();
            collect(e.getValue(), targets);
            targets.retainAll(resources.keySet());
            edges.put(e.getKey(), targets);
        }
        List<List<String>> cycles = new ArrayList<>();
        Map<String, Integer> state = new HashMap<>();
        for (String node : edges.keySet()) {
            visit(node, edges, state, new ArrayList<>(), cycles);
        }
        return cycles;
    }

    private static void visit(String node, Map<String, Set<String>> edges, Map<String, Integer> state, List<String> path,
                              List<List<String>> cycles) {
        Integer s = state.get(node);
        if (s != null && s == 2) {
            return;
        }
        if (s != null && s == 1) {
            cycles.add(new ArrayList<>(path.subList(path.indexOf(node), path.size())));
            return;
        }
        state.put(node, 1);
        path.add(node);
        for (String next : edges.get(node)) {
            visit(next, edges, state, path, cycles);
        }
        path.remove(path.size() - 1);
        state.put(node, 2);
    }

    private static void collect(Object value, Set<String> targets) {
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                Object v = e.getValue();
                if (key.equals("Ref") && v instanceof String name) {
                    targets.add(name);
                } else if (key.equals("Fn::GetAtt") && v instanceof List<?> list && !list.isEmpty()) {
                    targets.add(String.valueOf(list.get(0)));
                } else if (key.equals("DependsOn")) {
                    if (v instanceof List<?> list) {
                        list.forEach(x -> targets.add(String.valueOf(x)));
                    } else {
                        targets.add(String.valueOf(v));
                    }
                } else if (key.equals("Fn::Sub")) {
                    Object text = v instanceof List<?> list ? list.get(0) : v;
                    Matcher m = SUB_REFERENCE.matcher(String.valueOf(text));
                    while (m.find()) {
                        targets.add(m.group(1));
                    }
                }
                collect(v, targets);
            }
        } else if (value instanceof List<?> list) {
            list.forEach(x -> collect(x, targets));
        }
    }
}
