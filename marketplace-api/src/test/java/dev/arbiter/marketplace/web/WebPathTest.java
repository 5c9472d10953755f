package dev.arbiter.marketplace.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class WebPathTest {

    @Test
    void shouldTellTheAppFromTheApiAndTheTools() {
        assertEquals(WebPath.NOT_THE_APP, WebPath.of("/api/me"));
        assertEquals(WebPath.NOT_THE_APP, WebPath.of("/api"));
        assertEquals(WebPath.NOT_THE_APP, WebPath.of("/openapi"));
        assertEquals(WebPath.NOT_THE_APP, WebPath.of("/q/health"));
        assertEquals(WebPath.HASHED_ASSET, WebPath.of("/static/bundle/app-ADBELS67.js"));
        assertEquals(WebPath.OTHER_ASSET, WebPath.of("/favicon.ico"));
        assertEquals(WebPath.PAGE, WebPath.of("/"));
        assertEquals(WebPath.PAGE, WebPath.of("/index.html"));
        assertEquals(WebPath.PAGE, WebPath.of("/workbench/2b1c7d0e-1111-4a5b-9c9d-000000000000"));
        // a word that merely starts like an API path is a page of the app
        assertEquals(WebPath.PAGE, WebPath.of("/apiary"));
        assertEquals(WebPath.PAGE, WebPath.of("/quality"));
    }
}
