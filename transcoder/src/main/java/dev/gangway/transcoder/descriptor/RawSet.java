package dev.gangway.transcoder.descriptor;

import com.google.protobuf.ByteString;

/**
 * The bytes of one would-be descriptor set and where they came from, before parsing.
 *
 * @param origin the file path or source name, used as the subject of problems
 * @param data the bytes as read
 */
record RawSet(String origin, ByteString data) {}
