package com.example.signin.local.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reading the members of an AWS JSON 1.1 request, with Cognito's errors for missing or mistyped ones. */
final class AwsJson {

    private AwsJson() {
    }

    /** The member as text, or null when absent or null; an object or array is an invalid parameter. */
    static String text(JsonNode node, String field) {
        if (node == null) {
            return null;
        }
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isValueNode()) {
            throw CognitoException.invalidParameter("Member " + field + " must be a string.");
        }
        return value.asText();
    }

    /** The member as text; absent is Cognito's validation error naming it in camel case. */
    static String requireText(JsonNode request, String member) {
        String value = text(request, member);
        if (value == null) {
            throw CognitoException.missing(Character.toLowerCase(member.charAt(0)) + member.substring(1));
        }
        return value;
    }

    /** A string map member such as {@code ClientMetadata}; empty when absent. */
    static Map<String, String> stringMap(JsonNode node) {
        Map<String, String> map = new LinkedHashMap<>();
        if (node == null || !node.isObject()) {
            return map;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            map.put(e.getKey(), e.getValue().asText());
        }
        return map;
    }

    /** A {@code [{Name, Value}]} attribute list as a map; {@code cognito:*} names are not writable. */
    static Map<String, String> attributeMap(JsonNode list) {
        Map<String, String> map = new LinkedHashMap<>();
        if (list == null || list.isMissingNode() || list.isNull()) {
            return map;
        }
        if (!list.isArray()) {
            throw CognitoException.invalidParameter("UserAttributes must be a list of {Name, Value}.");
        }
        for (JsonNode a : list) {
            String name = text(a, "Name");
            if (name == null || name.isEmpty()) {
                throw CognitoException.invalidParameter("Every user attribute needs a Name.");
            }
            if (name.startsWith("cognito:")) {
                throw CognitoException.invalidParameter("Cannot modify the non-mutable attribute " + name + ".");
            }
            map.put(name, a.path("Value").asText(""));
        }
        return map;
    }
}
